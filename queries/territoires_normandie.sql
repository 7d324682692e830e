-- Every territory a page can be scoped to, one row each: the region, its 5 departments, its 24 Missions Locales.
-- `code` is what the URL parameter "territoire" holds ('Normandie', '14', '14-CAE').
with

missions_locales as (
    select code_ml, nom, departement from missions_locales
),

departements_normands as (
    select code_departement as code, nom from departements
),

final as (
    select 'Normandie' as code, 'Normandie' as libelle, 'region' as niveau, null as departement, 0 as ordre
    union all
    select code, nom || ' (' || code || ')', 'departement', code, 1 from departements_normands
    union all
    select code_ml, nom, 'mission_locale', departement, 2 from missions_locales
)

select code, libelle, niveau, departement
from final
order by ordre, departement, libelle
