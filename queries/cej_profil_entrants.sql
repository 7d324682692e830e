-- Young people who entered the Garantie jeunes or the CEJ in year $annee, in the selected territory
-- (Missions Locales $codes_ml) and in the region: how many (nb_entrants), and how many of them are women,
-- men, live in a QPV, and started a training action in the year (the report's "18 % ont fait ou sont en
-- formation", read as: entrants with a training action in the year — scope uncertain, as in the demo).
-- Counts of young people; the page computes the shares after secrecy.
-- From the derived table `parcours` (one row per young person, Mission Locale and year, with the young
-- person's sex and QPV from `jeunes` and whether they had a training action that year, in any Mission Locale).
with

decrits as (
    select code_ml, sexe, coalesce(qpv, false) as qpv, coalesce(formation_annee, false) as en_formation
    from parcours
    where annee = $annee
      and nb_entrees_gj + nb_entrees_cej > 0
),

perimetres as (
    select 'territoire' as perimetre, * from decrits where code_ml in $codes_ml
    union all
    select 'region' as perimetre, * from decrits
),

final as (
    select
        p.perimetre,
        count(d.perimetre) as nb_entrants,
        count(d.perimetre) filter (where d.sexe = 'F') as nb_femmes,
        count(d.perimetre) filter (where d.sexe = 'H') as nb_hommes,
        count(d.perimetre) filter (where d.qpv) as nb_qpv,
        count(d.perimetre) filter (where d.en_formation) as nb_en_formation
    from (values ('territoire'), ('region')) as p(perimetre)
    left join perimetres as d using (perimetre)
    group by p.perimetre
)

select
    perimetre,
    nb_entrants::bigint as nb_entrants,
    nb_femmes::bigint as nb_femmes,
    nb_hommes::bigint as nb_hommes,
    nb_qpv::bigint as nb_qpv,
    nb_en_formation::bigint as nb_en_formation,
    (select min(provenance) from jeunes_par_ml where annee = $annee) as provenance
from final
order by perimetre = 'region', perimetre
