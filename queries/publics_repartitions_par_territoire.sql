-- Young people supported in year $annee broken down by each characteristic of the « Publics » page
-- (dimension: tranche_age, niveau, sexe, logement, and the yes/no ones rqth, qpv, zrr), for every Mission
-- Locale, every department and the region (`niveau`: 'mission_locale', 'departement', 'region'; `code` as in
-- the derived table `territoires`): counts only (nb_jeunes). Every category present in the region is a row
-- of every territory, so that a true 0 is a row. Read by observatoire/secret/territoires.py, which hides the
-- same cells on every page whatever territory is shown.
-- From the derived table `profils_jeunes` (one row per Mission Locale and combination of characteristics).
with

profils as (
    -- `niveau` here is the qualification level, one of the dimensions
    select ml.departement, p.code_ml, p.tranche_age, p.niveau, p.sexe, p.logement, p.rqth, p.qpv, p.zrr,
           p.nb_jeunes
    from profils_jeunes as p
    join missions_locales as ml using (code_ml)
    where p.annee = $annee
),

par_dimension as (
    unpivot profils
    on tranche_age, niveau, sexe, logement, rqth, qpv, zrr
    into name dimension value modalite
),

comptes as (
    select
        niveau_du_cumul(grouping(departement), grouping(code_ml)) as niveau,
        code_du_cumul(grouping(departement), grouping(code_ml), departement, code_ml) as code,
        departement,
        code_ml,
        dimension,
        modalite,
        sum(nb_jeunes) as nb_jeunes
    from par_dimension
    group by grouping sets ((departement, code_ml, dimension, modalite), (departement, dimension, modalite),
                           (dimension, modalite))
),

-- every territory crossed with every category of the region
grille as (
    select t.niveau, t.code, t.departement, t.code_ml, t.ordre, m.dimension, m.modalite
    from territoires as t
    cross join (select distinct dimension, modalite from par_dimension) as m
),

final as (
    select g.niveau, g.departement, g.code, g.dimension, g.modalite, coalesce(c.nb_jeunes, 0) as nb_jeunes, g.ordre
    from grille as g
    left join comptes as c
        on c.code = g.code
       and c.dimension = g.dimension
       and c.modalite = g.modalite
)

select niveau, departement, code, dimension, modalite, nb_jeunes::bigint as nb_jeunes
from final
order by ordre, departement, code, dimension, modalite
