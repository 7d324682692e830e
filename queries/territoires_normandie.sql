-- Every territory a page can be scoped to, one row each: the region, its 5 departments, its 24 Missions Locales.
-- `code` is what the URL parameter "territoire" holds ('Normandie', '14', '14-CAE').
select code, libelle, niveau, departement
from territoires
order by ordre, departement, libelle
