-- Years for which young people supported are available (demonstration or imported extracts), latest first.
select distinct annee::integer as annee
from jeunes
order by annee desc
