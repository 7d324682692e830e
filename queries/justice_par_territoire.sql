-- Young people under court supervision (JSMJ, jeunes placés sous main de justice) among the young people supported
-- in year $annee, for each Mission Locale, each department and the region (one row per territory; grouping sets).
-- Counts of young people only: nb_jeunes (all supported), nb_jsmj, and among the JSMJ the minors (age < 18 at
-- 31 December) and those without a diploma. Shares are computed by the page after statistical secrecy, so that a
-- share never reveals a hidden count. Every Mission Locale is a row, even with no young person (a true 0).
with

missions_locales as (
    select code_ml, departement from missions_locales
),

jeunes_annee as (
    select code_ml, sous_main_justice, age, niveau
    from jeunes
    where annee = $annee
),

jeunes_territoire as (
    select m.departement, m.code_ml, j.sous_main_justice, j.age, j.niveau
    from missions_locales as m
    left join jeunes_annee as j using (code_ml)
),

comptes as (
    select
        departement,
        code_ml,
        grouping(departement, code_ml) as regroupement,  -- 0: Mission Locale, 1: department, 3: region
        count(sous_main_justice) as nb_jeunes,
        count(*) filter (where sous_main_justice) as nb_jsmj,
        count(*) filter (where sous_main_justice and age < 18) as nb_jsmj_mineurs,
        count(*) filter (where sous_main_justice and niveau = 'sans_diplome') as nb_jsmj_sans_diplome
    from jeunes_territoire
    group by grouping sets ((departement, code_ml), (departement), ())
),

final as (
    select
        case regroupement when 0 then 'mission_locale' when 1 then 'departement' else 'region' end as niveau,
        departement,
        coalesce(code_ml, departement, 'Normandie') as code,
        nb_jeunes,
        nb_jsmj,
        nb_jsmj_mineurs,
        nb_jsmj_sans_diplome
    from comptes
)

select niveau, departement, code, nb_jeunes, nb_jsmj, nb_jsmj_mineurs, nb_jsmj_sans_diplome
from final
order by niveau = 'mission_locale', niveau = 'departement', departement, code
