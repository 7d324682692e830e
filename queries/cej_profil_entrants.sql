-- Young people who entered the Garantie jeunes or the CEJ in year $annee, in the selected territory
-- (Missions Locales $codes_ml) and in the region: how many (nb_entrants), and how many of them are women,
-- men, live in a QPV, and started a training action in the year (the report's "18 % ont fait ou sont en
-- formation", read as: entrants with a training action in the year — scope uncertain, as in the demo).
-- Counts of young people; the page computes the shares after secrecy.
-- From the derived table `parcours` (one row per young person, Mission Locale and year, with the young
-- person's sex and QPV from `jeunes` and whether they had a training action that year, in any Mission Locale).
with

decrits as (
    select id_jeune, code_ml, nb_ml, sexe, coalesce(qpv, false) as qpv,
           coalesce(formation_annee, false) as en_formation
    from parcours
    where annee = $annee
      and nb_entrees_gj + nb_entrees_cej > 0
),

perimetres as (
    select 'territoire' as perimetre, * from decrits where code_ml in $codes_ml
    union all
    select 'region' as perimetre, * from decrits
),

-- Young people, not entries: one seen in a single Mission Locale that year (nb_ml = 1, nearly everyone)
-- is one row; one who entered in several is counted once per perimeter. Sex, QPV and training are the
-- young person's, the same on each of their rows.
une_ml as (
    select
        perimetre,
        count(*) as nb_entrants,
        count(*) filter (where sexe = 'F') as nb_femmes,
        count(*) filter (where sexe = 'H') as nb_hommes,
        count(*) filter (where qpv) as nb_qpv,
        count(*) filter (where en_formation) as nb_en_formation
    from perimetres
    where nb_ml = 1
    group by perimetre
),

plusieurs_ml as (
    select
        perimetre,
        count(distinct id_jeune) as nb_entrants,
        count(distinct id_jeune) filter (where sexe = 'F') as nb_femmes,
        count(distinct id_jeune) filter (where sexe = 'H') as nb_hommes,
        count(distinct id_jeune) filter (where qpv) as nb_qpv,
        count(distinct id_jeune) filter (where en_formation) as nb_en_formation
    from perimetres
    where nb_ml > 1
    group by perimetre
),

final as (
    select
        p.perimetre,
        coalesce(u.nb_entrants, 0) + coalesce(m.nb_entrants, 0) as nb_entrants,
        coalesce(u.nb_femmes, 0) + coalesce(m.nb_femmes, 0) as nb_femmes,
        coalesce(u.nb_hommes, 0) + coalesce(m.nb_hommes, 0) as nb_hommes,
        coalesce(u.nb_qpv, 0) + coalesce(m.nb_qpv, 0) as nb_qpv,
        coalesce(u.nb_en_formation, 0) + coalesce(m.nb_en_formation, 0) as nb_en_formation
    from (values ('territoire'), ('region')) as p(perimetre)
    left join une_ml as u using (perimetre)
    left join plusieurs_ml as m using (perimetre)
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
