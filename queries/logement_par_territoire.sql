-- Housing situation of the young people supported in year $annee, for each Mission Locale, each department and
-- the region (grouping sets). Counts of young people: nb_jeunes (all), and by situation nb_autonome,
-- nb_parents_famille, nb_precaire, nb_logement_non_renseigne (unknown) — the four add up to nb_jeunes, which the
-- page's secondary suppression relies on. Shares are computed by the page after statistical secrecy.
-- Every Mission Locale is a row, even with no young person (a true 0).
with

missions_locales as (
    select code_ml, departement from missions_locales
),

jeunes_annee as (
    select code_ml, coalesce(logement, 'non_renseigne') as logement
    from jeunes
    where annee = $annee
),

jeunes_territoire as (
    select m.departement, m.code_ml, j.logement
    from missions_locales as m
    left join jeunes_annee as j using (code_ml)
),

comptes as (
    select
        departement,
        code_ml,
        grouping(departement, code_ml) as regroupement,  -- 0: Mission Locale, 1: department, 3: region
        count(logement) as nb_jeunes,
        count(*) filter (where logement = 'autonome') as nb_autonome,
        count(*) filter (where logement = 'parents_famille') as nb_parents_famille,
        count(*) filter (where logement = 'precaire') as nb_precaire,
        count(*) filter (where logement = 'non_renseigne') as nb_logement_non_renseigne
    from jeunes_territoire
    group by grouping sets ((departement, code_ml), (departement), ())
),

final as (
    select
        case regroupement when 0 then 'mission_locale' when 1 then 'departement' else 'region' end as niveau,
        departement,
        coalesce(code_ml, departement, 'Normandie') as code,
        nb_jeunes,
        nb_autonome,
        nb_parents_famille,
        nb_precaire,
        nb_logement_non_renseigne
    from comptes
)

select niveau, departement, code, nb_jeunes, nb_autonome, nb_parents_famille, nb_precaire, nb_logement_non_renseigne
from final
order by niveau = 'mission_locale', niveau = 'departement', departement, code
