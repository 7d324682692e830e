-- Derived table `territoires`, built once per data version (observatoire/derive.py), never edited by hand:
-- every territory a page can be scoped to, one row each — the region, its departments (table departements),
-- its Missions Locales — with the one way the app names them. `code` is what the URL parameter "territoire"
-- holds ('Normandie', '14', '14-CAE'); `libelle_court` is the name without "Mission Locale", for chart axes.
select
    'region' as niveau, 'Normandie' as code, null::varchar as departement, null::varchar as code_ml,
    'Normandie' as libelle, 'Normandie' as libelle_court, 0 as ordre
union all
select
    'departement', code_departement, code_departement, null,
    nom || ' (' || code_departement || ')', nom, 1
from departements
union all
select
    'mission_locale', code_ml, departement, code_ml,
    nom, regexp_replace(nom, '^Mission Locale (de l''|de la |des |du |de )?', ''), 2
from missions_locales
