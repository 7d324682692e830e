-- Young people who entered the Garantie jeunes or the CEJ in year $annee, in the selected territory
-- (Missions Locales $codes_ml) and in the region: how many (nb_entrants), and how many of them are women,
-- men, live in a QPV, and started a training action in the year (the report's "18 % ont fait ou sont en
-- formation", read as: entrants with a training action in the year — scope uncertain, as in the demo).
-- Counts of young people; the page computes the shares after secrecy.
with

entrants as (
    select distinct id_jeune, code_ml
    from entrees_dispositif
    where annee = $annee
),

jeunes_annee as (
    select id_jeune, sexe, qpv, provenance from jeunes where annee = $annee
),

en_formation as (
    select distinct id_jeune from situations where annee = $annee and type = 'formation'
),

decrits as (
    select
        e.code_ml,
        j.sexe,
        coalesce(j.qpv, false) as qpv,
        f.id_jeune is not null as en_formation
    from entrants as e
    left join jeunes_annee as j using (id_jeune)
    left join en_formation as f using (id_jeune)
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
    (select min(provenance) from jeunes_annee) as provenance
from final
order by perimetre = 'region', perimetre
