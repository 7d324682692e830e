-- Years present in the extracts of young people supported (demonstration or imported), latest first,
-- with where their rows come from ('démonstration' or 'extraits': one file per year, so one value).
-- Read from the derived table `jeunes_par_ml` (young people counted per Mission Locale and year).
select
    annee::integer as annee,
    min(provenance) as provenance,
    sum(nb_jeunes)::bigint as nb_jeunes
from jeunes_par_ml
group by annee
having sum(nb_jeunes) > 0
order by annee desc
