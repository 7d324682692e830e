-- Young people supported in year $annee and the counts of the thematic pages, for each Mission Locale, each
-- department and the region (grouping sets): first welcomes, RQTH (handicap), placed under court supervision (justice: JSMJ,
-- of whom minors and without diploma), housing situation (logement). Counts only: pages compute shares after
-- statistical secrecy. Every Mission Locale is a row, even with no young person (a true 0).
with

missions_locales as (
    select code_ml, departement from missions_locales
),

jeunes_annee as (
    select
        code_ml,
        premier_accueil,
        rqth,
        sous_main_justice,
        tranche_age,
        niveau,
        coalesce(logement, 'non_renseigne') as logement  -- optional column: unknown is a category
    from jeunes
    where annee = $annee
),

jeunes_territoire as (
    select m.departement, m.code_ml, j.* exclude (code_ml)
    from missions_locales as m
    left join jeunes_annee as j using (code_ml)
),

comptes as (
    select
        departement,
        code_ml,
        grouping(departement, code_ml) as regroupement,  -- 0: Mission Locale, 1: department, 3: region
        count(logement) as nb_jeunes,
        count(*) filter (where premier_accueil) as nb_premiers_accueils,
        count(*) filter (where rqth) as nb_rqth,
        count(*) filter (where sous_main_justice) as nb_jsmj,
        count(*) filter (where sous_main_justice and tranche_age = '16-17') as nb_jsmj_mineurs,  -- age is optional
        count(*) filter (where sous_main_justice and niveau = 'sans_diplome') as nb_jsmj_sans_diplome,
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
        * exclude (departement, code_ml, regroupement)
    from comptes
)

select *
from final
order by niveau = 'mission_locale', niveau = 'departement', departement, code
