-- Young people supported in year $annee per territory and for the region: counts, shares (%) of those
-- without diploma, living in a QPV, with an RQTH, and the rate per 1 000 inhabitants (INSEE 2017 population).
-- $niveau: 'departement' or 'mission_locale'. `depuis_extraits` is true when every row comes from imported extracts.
-- Read from the derived table `jeunes_par_ml` (young people counted per Mission Locale and year); a
-- department is its Missions Locales' (table missions_locales).
with

jeunes_annee as (
    select
        case when $niveau = 'departement' then ml.departement else j.code_ml end as code,
        j.nb_jeunes,
        j.nb_sans_diplome,
        j.nb_qpv,
        j.nb_rqth,
        j.provenance
    from jeunes_par_ml as j
    left join missions_locales as ml using (code_ml)
    where j.annee = $annee
),

population as (
    select
        case when $niveau = 'departement' then c.departement else m.code_ml end as code,
        sum(c.population) as population_2017
    from communes as c
    join ml_communes as m using (code_commune)
    group by 1
),

comptes as (
    select
        code,
        'territoire' as niveau_ligne,
        sum(nb_jeunes) as nb_jeunes,
        sum(nb_sans_diplome) as nb_sans_diplome,
        sum(nb_qpv) as nb_qpv,
        sum(nb_rqth) as nb_rqth,
        bool_and(provenance = 'extraits') as depuis_extraits
    from jeunes_annee
    where code is not null
    group by code
    union all
    select
        'Normandie',
        'region',
        coalesce(sum(nb_jeunes), 0),
        coalesce(sum(nb_sans_diplome), 0),
        coalesce(sum(nb_qpv), 0),
        coalesce(sum(nb_rqth), 0),
        bool_and(provenance = 'extraits')
    from jeunes_annee
),

final as (
    select
        c.*,
        case when c.niveau_ligne = 'region' then (select sum(population_2017) from population)
             else p.population_2017 end as population_2017
    from comptes as c
    left join population as p on p.code = c.code and c.niveau_ligne = 'territoire'
)

select
    code,
    niveau_ligne,
    nb_jeunes::bigint as nb_jeunes,
    nb_sans_diplome::bigint as nb_sans_diplome,
    nb_qpv::bigint as nb_qpv,
    nb_rqth::bigint as nb_rqth,
    100.0 * nb_sans_diplome / nullif(nb_jeunes, 0) as part_sans_diplome_pct,
    100.0 * nb_qpv / nullif(nb_jeunes, 0) as part_qpv_pct,
    100.0 * nb_rqth / nullif(nb_jeunes, 0) as part_rqth_pct,
    population_2017::bigint as population_2017,
    depuis_extraits
from final
order by niveau_ligne = 'region', code
