-- Where each extract table's rows come from, year by year: 'extraits' (imported) or 'démonstration'.
-- One file per table and year, so one value per (table, year). A page shows a chart built on entries or
-- situations with the provenance of THAT table: importing the young people of a year alone must not make
-- the demonstration entries of that year read as real (nor the year before's demonstration base of a
-- year-on-year change).
select 'jeunes' as table_extrait, annee::integer as annee, min(provenance) as provenance
from jeunes_par_ml
group by annee
union all
select 'entrees_dispositif', annee::integer, min(provenance)
from entrees_dispositif
group by annee
union all
select 'situations', annee::integer, min(provenance)
from situations
group by annee
union all
select 'objectifs_cej', annee::integer, min(provenance)
from objectifs_cej
group by annee
order by table_extrait, annee
