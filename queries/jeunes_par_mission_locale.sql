-- Young people supported in year $annee by Mission Locale, with the rate per 1 000 inhabitants of its
-- territory (INSEE municipal population 2017, communes assigned to Missions Locales by ml_communes).
with

-- one row per young person and year in `jeunes` (key annee, id_jeune, checked at import): count(*) counts them
jeunes_annee as (
    select code_ml, count(*) as nb_jeunes, bool_and(provenance = 'extraits') as depuis_extraits
    from jeunes
    where annee = $annee
    group by code_ml
),

population as (
    select m.code_ml, sum(c.population) as population_2017
    from ml_communes as m
    join communes as c using (code_commune)
    group by m.code_ml
),

final as (
    select
        ml.code_ml,
        ml.nom,
        ml.departement,
        coalesce(j.nb_jeunes, 0) as nb_jeunes,
        p.population_2017,
        1000.0 * coalesce(j.nb_jeunes, 0) / nullif(p.population_2017, 0) as jeunes_pour_1000_hab,
        coalesce(j.depuis_extraits, false) as depuis_extraits
    from missions_locales as ml
    left join jeunes_annee as j using (code_ml)
    left join population as p using (code_ml)
)

select
    code_ml,
    nom,
    departement,
    nb_jeunes::bigint as nb_jeunes,
    population_2017::bigint as population_2017,
    jeunes_pour_1000_hab,
    depuis_extraits
from final
order by code_ml
