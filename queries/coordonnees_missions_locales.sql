-- Seat and contacts of each Mission Locale as printed in the report ("Points d'accueil"), by department.
select
    code_ml,
    nom,
    departement,
    ville_siege,
    telephone,
    email
from missions_locales
order by departement, nom
