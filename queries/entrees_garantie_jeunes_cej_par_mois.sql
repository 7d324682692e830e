-- Entries into the Garantie Jeunes (until 28 February 2022) and the CEJ (from 1 March 2022) by month of
-- year $annee in territory $territoire ('Normandie', '14' or '14-CAE'), cumulated, beside the State objective.
with

missions_locales_perimetre as (
    select code_ml
    from missions_locales
    where $territoire = 'Normandie' or departement = $territoire or code_ml = $territoire
),

entrees as (
    select date_trunc('month', e.date_entree)::date as mois, e.dispositif, e.provenance
    from entrees_dispositif as e
    join missions_locales_perimetre using (code_ml)
    where e.annee = $annee
),

objectif as (
    select sum(o.objectif) as objectif_cej
    from objectifs_cej as o
    join missions_locales_perimetre using (code_ml)
    where o.annee = $annee
),

par_mois as (
    select
        mois,
        count(*) filter (where dispositif = 'GJ') as nb_entrees_gj,
        count(*) filter (where dispositif = 'CEJ') as nb_entrees_cej,
        count(*) as nb_entrees,
        bool_and(provenance = 'extraits') as depuis_extraits
    from entrees
    group by mois
),

final as (
    select
        p.*,
        sum(nb_entrees) over (order by mois) as nb_entrees_cumulees,
        o.objectif_cej
    from par_mois as p, objectif as o
)

select
    mois,
    nb_entrees_gj::bigint as nb_entrees_gj,
    nb_entrees_cej::bigint as nb_entrees_cej,
    nb_entrees::bigint as nb_entrees,
    nb_entrees_cumulees::bigint as nb_entrees_cumulees,
    objectif_cej::bigint as objectif_cej,
    depuis_extraits
from final
order by mois
