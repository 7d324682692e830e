-- Every territory a page can be scoped to, one row each: the region, its 5 departments, its 24 Missions Locales.
-- `code` is what the URL parameter "territoire" holds ('Normandie', '14', '14-CAE').
with

missions_locales as (
    select code_ml, nom, departement from missions_locales
),

departements as (
    select * from (values
        ('14', 'Calvados'), ('27', 'Eure'), ('50', 'Manche'), ('61', 'Orne'), ('76', 'Seine-Maritime')
    ) as d(code, nom)
),

final as (
    select 'Normandie' as code, 'Normandie' as libelle, 'region' as niveau, null as departement, 0 as ordre
    union all
    select code, nom || ' (' || code || ')', 'departement', code, 1 from departements
    union all
    select code_ml, nom, 'mission_locale', departement, 2 from missions_locales
)

select code, libelle, niveau, departement
from final
order by ordre, departement, libelle
