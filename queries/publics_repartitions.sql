-- Young people supported in year $annee broken down by each of their characteristics (dimension:
-- tranche_age, niveau, sexe, logement, and the yes/no ones rqth, qpv, zrr), in the selected territory
-- (Missions Locales $codes_ml) and in the whole region ('non_renseigne' when the housing is unknown): counts (nb_jeunes) and shares of the perimeter's
-- young people (part_pct, %). Every category present in the region appears for both perimeters, so that
-- a true 0 is a row (not a gap) and secrecy can treat each breakdown with its total.
-- Read from the derived table `profils_jeunes`: one row per Mission Locale and combination of
-- characteristics (queries/derives/profils_jeunes.sql), so the million rows of a national year are not
-- read at each page view.
with

profils as (
    select code_ml in $codes_ml as dans_territoire, tranche_age, niveau, sexe, logement, rqth, qpv, zrr,
           sum(nb_jeunes) as nb_jeunes
    from profils_jeunes
    where annee = $annee
    group by all
),

par_dimension as (
    unpivot profils
    on tranche_age, niveau, sexe, logement, rqth, qpv, zrr
    into name dimension value modalite
),

perimetres as (
    select 'territoire' as perimetre, dimension, modalite, nb_jeunes from par_dimension where dans_territoire
    union all
    select 'region' as perimetre, dimension, modalite, nb_jeunes from par_dimension
),

grille as (
    select p.perimetre, m.dimension, m.modalite
    from (values ('territoire'), ('region')) as p(perimetre)
    cross join (select distinct dimension, modalite from par_dimension) as m
),

comptes as (
    select perimetre, dimension, modalite, sum(nb_jeunes)::bigint as nb_jeunes
    from perimetres
    group by all
),

final as (
    select
        g.perimetre,
        g.dimension,
        g.modalite,
        coalesce(c.nb_jeunes, 0) as nb_jeunes,
        -- share in percent of the perimeter's young people
        100.0 * coalesce(c.nb_jeunes, 0)
            / nullif(sum(coalesce(c.nb_jeunes, 0)) over (partition by g.perimetre, g.dimension), 0) as part_pct,
        (select min(provenance) from profils_jeunes where annee = $annee) as provenance
    from grille as g
    left join comptes as c using (perimetre, dimension, modalite)
)

select perimetre, dimension, modalite, nb_jeunes, part_pct, provenance
from final
order by perimetre = 'region', dimension, modalite
