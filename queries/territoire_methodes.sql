-- How the communes were assigned to their Mission Locale (data/sources/ml_communes.csv, column methode):
-- "territoire approché (EPCI)" for the built-in approximation, another label for an official list.
select methode, count(*)::integer as nb_communes
from ml_communes
group by methode
order by nb_communes desc, methode
