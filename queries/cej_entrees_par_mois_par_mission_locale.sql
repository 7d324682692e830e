-- Entries into the Garantie jeunes (before 1 March 2022) and the CEJ (from 1 March 2022) in each month of
-- year $annee, for every Mission Locale: one row per Mission Locale (`code_ml`, with its `departement`) and
-- month (1 to 12), a true 0 being a row. The points of the one calendar of the CEJ series (month ends: the
-- 28 February point of 2022 is the end of the Garantie Jeunes) are their running totals; the reference mask
-- of secrecy (observatoire/secret/territoires.py) sums them to the departments and the region.
with

entrees as (
    select code_ml, month(date_entree) as mois
    from entrees_dispositif
    where annee = $annee
      and entree_du_rapport(dispositif, date_entree)
),

grille as (
    select ml.code_ml, ml.departement, m.mois
    from missions_locales as ml
    cross join range(1, 13) as m(mois)
),

comptes as (
    select code_ml, mois, count(*) as nb_entrees
    from entrees
    group by code_ml, mois
),

final as (
    select g.code_ml, g.departement, g.mois::integer as mois, coalesce(c.nb_entrees, 0)::bigint as nb_entrees
    from grille as g
    left join comptes as c using (code_ml, mois)
)

select * from final
order by code_ml, mois
