-- Entries into the Garantie jeunes and the CEJ of year $annee in the selected territory (Missions Locales
-- $codes_ml) against the State objective of its Missions Locales, and the day the objective was reached:
-- the first day on which the running total of entries (GJ + CEJ, as the report counts them) is at least
-- the objective. One row. Dates: first and last entry of the territory, and `date_fin_extraits`, the last
-- entry of the whole region, i.e. how far the extract of the year goes (a year in progress stops early).
with

entrees_annee as (
    select code_ml, date_entree, provenance
    from entrees_dispositif
    where annee = $annee
      and entree_du_rapport(dispositif, date_entree)
),

entrees_territoire as (
    select date_entree from entrees_annee where code_ml in $codes_ml
),

cumul_par_jour as (
    select
        date_entree,
        sum(count(*)) over (order by date_entree rows between unbounded preceding and current row) as cumul_entrees
    from entrees_territoire
    group by date_entree
),

objectif as (
    -- null when no objective is recorded for the year (e.g. before the CEJ)
    select sum(objectif) as objectif_cej, min(provenance) as provenance_objectif
    from objectifs_cej
    where annee = $annee and code_ml in $codes_ml
),

final as (
    select
        o.objectif_cej,
        (select count(*) from entrees_territoire) as nb_entrees,
        (select min(cumul_par_jour.date_entree) from cumul_par_jour
          where cumul_par_jour.cumul_entrees >= o.objectif_cej) as date_objectif_atteint,
        (select min(date_entree) from entrees_territoire) as date_premiere_entree,
        (select max(date_entree) from entrees_territoire) as date_derniere_entree,
        (select max(date_entree) from entrees_annee) as date_fin_extraits,
        (select min(provenance) from entrees_annee) as provenance,
        o.provenance_objectif
    from objectif as o
)

select
    objectif_cej::bigint as objectif_cej,
    nb_entrees::bigint as nb_entrees,
    -- percent of the objective reached
    100.0 * nb_entrees / nullif(objectif_cej, 0) as realisation_pct,
    date_objectif_atteint,
    date_premiere_entree,
    date_derniere_entree,
    date_fin_extraits,
    provenance,
    provenance_objectif
from final
