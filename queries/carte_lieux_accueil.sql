-- Where each Mission Locale receives young people: its seat and its antennas, with contacts and a point
-- inside the commune (geo/communes.csv) to draw them. Antennas are stored as "insee|ville|tel|mail;...".
with

sieges as (
    select code_ml, nom, departement, 'siège' as nature, commune_siege as commune, ville_siege as ville,
           telephone, email
    from missions_locales
),

antennes_brutes as (
    select code_ml, nom, departement, unnest(string_split(antennes, ';')) as antenne
    from missions_locales
    where antennes is not null and antennes <> ''
),

antennes as (
    select
        code_ml, nom, departement, 'antenne' as nature,
        split_part(antenne, '|', 1) as commune,
        split_part(antenne, '|', 2) as ville,
        split_part(antenne, '|', 3) as telephone,
        split_part(antenne, '|', 4) as email
    from antennes_brutes
    where antenne <> ''
),

final as (
    select l.*, c.lat, c.lon
    from (select * from sieges union all select * from antennes) as l
    join communes as c on c.code_commune = l.commune
)

select code_ml, nom, departement, nature, commune, ville, telephone, email, lat, lon
from final
order by code_ml, nature desc, ville
