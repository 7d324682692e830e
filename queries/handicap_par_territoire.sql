-- Young people with a recognised disability (RQTH, reconnaissance de la qualité de travailleur handicapé) among the
-- young people supported in year $annee, for each Mission Locale, each department and the region (grouping sets).
-- Counts only (nb_jeunes, nb_rqth); the page computes the share after statistical secrecy. Every Mission Locale
-- is a row, even with no young person (a true 0).
with

missions_locales as (
    select code_ml, departement from missions_locales
),

jeunes_annee as (
    select code_ml, rqth
    from jeunes
    where annee = $annee
),

jeunes_territoire as (
    select m.departement, m.code_ml, j.rqth
    from missions_locales as m
    left join jeunes_annee as j using (code_ml)
),

comptes as (
    select
        departement,
        code_ml,
        grouping(departement, code_ml) as regroupement,  -- 0: Mission Locale, 1: department, 3: region
        count(rqth) as nb_jeunes,
        count(*) filter (where rqth) as nb_rqth
    from jeunes_territoire
    group by grouping sets ((departement, code_ml), (departement), ())
),

final as (
    select
        case regroupement when 0 then 'mission_locale' when 1 then 'departement' else 'region' end as niveau,
        departement,
        coalesce(code_ml, departement, 'Normandie') as code,
        nb_jeunes,
        nb_rqth
    from comptes
)

select niveau, departement, code, nb_jeunes, nb_rqth
from final
order by niveau = 'mission_locale', niveau = 'departement', departement, code
