-- Years present in the extracts of young people supported (demonstration or imported), latest first.
select distinct annee::integer as annee
from jeunes
order by annee desc
