-- Years present in the extracts of young people supported (demonstration or imported), latest first,
-- with where their rows come from ('démonstration' or 'extraits': one file per year, so one value).
select
    annee::integer as annee,
    min(provenance) as provenance,
    count(*) as nb_jeunes
from jeunes
group by annee
order by annee desc
