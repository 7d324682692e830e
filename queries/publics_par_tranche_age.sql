-- Young people supported in year $annee by age band (at 31 December), in the selected territory (Missions Locales
-- $codes_ml) and in the whole region: counts (nb_jeunes) and shares of the perimeter's young people (part_pct, %).
-- Every category present in the region appears for both perimeters (a true 0 is a row, not a gap).
with

jeunes_annee as (
    select code_ml, tranche_age as modalite, provenance
    from jeunes
    where annee = $annee
),

perimetres as (
    select 'territoire' as perimetre, modalite from jeunes_annee where code_ml in $codes_ml
    union all
    select 'region' as perimetre, modalite from jeunes_annee
),

grille as (
    select perimetre, modalite
    from (values ('territoire'), ('region')) as p(perimetre)
    cross join (select distinct modalite from jeunes_annee)
),

comptes as (
    select perimetre, modalite, count(*) as nb_jeunes
    from perimetres
    group by perimetre, modalite
),

final as (
    select
        g.perimetre,
        g.modalite,
        coalesce(c.nb_jeunes, 0) as nb_jeunes,
        -- share in percent of the perimeter's young people
        100.0 * coalesce(c.nb_jeunes, 0)
            / nullif(sum(coalesce(c.nb_jeunes, 0)) over (partition by g.perimetre), 0) as part_pct,
        (select min(provenance) from jeunes_annee) as provenance
    from grille as g
    left join comptes as c using (perimetre, modalite)
)

select perimetre, modalite, nb_jeunes, part_pct, provenance
from final
order by perimetre = 'region', modalite
