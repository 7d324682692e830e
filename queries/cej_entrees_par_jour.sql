-- Entries into the Garantie jeunes (GJ) and the Contrat d'engagement jeune (CEJ) in year $annee, per day,
-- in the selected territory (Missions Locales $codes_ml): nb_entrees_gj, nb_entrees_cej (entries, one per
-- young person and scheme), nb_entrees (both), and cumul_entrees (running total since 1 January).
-- Scopes as in the report: the CEJ replaced the GJ on 1 March 2022 (décret n° 2022-199), so GJ entries
-- count before that day (1 January–28 February in 2022, the whole year before) and CEJ entries from it.
-- Only days with at least one entry are rows; the weekly curve and the projection fill the gaps.
with

entrees as (
    select date_entree, dispositif, provenance
    from entrees_dispositif
    where annee = $annee
      and code_ml in $codes_ml
      and (
          (dispositif = 'GJ' and date_entree < date '2022-03-01')
          or (dispositif = 'CEJ' and date_entree >= date '2022-03-01')
      )
),

par_jour as (
    select
        date_entree,
        count(*) filter (where dispositif = 'GJ') as nb_entrees_gj,
        count(*) filter (where dispositif = 'CEJ') as nb_entrees_cej,
        count(*) as nb_entrees
    from entrees
    group by date_entree
),

final as (
    select
        date_entree,
        nb_entrees_gj,
        nb_entrees_cej,
        nb_entrees,
        sum(nb_entrees) over (order by date_entree rows between unbounded preceding and current row) as cumul_entrees
    from par_jour
)

select
    date_entree,
    nb_entrees_gj::bigint as nb_entrees_gj,
    nb_entrees_cej::bigint as nb_entrees_cej,
    nb_entrees::bigint as nb_entrees,
    cumul_entrees::bigint as cumul_entrees
from final
order by date_entree
