-- Young people supported in year $annee living in a priority neighbourhood (QPV) and in a rural
-- revitalisation zone (ZRR), in the selected territory (Missions Locales $codes_ml) and in the region.
-- For each indicator both answers ('oui' / 'non') are rows, so that secrecy can treat the pair with its total.
-- part_pct: share in percent of the perimeter's young people.
with

jeunes_annee as (
    select code_ml, qpv, zrr, provenance
    from jeunes
    where annee = $annee
),

perimetres as (
    select 'territoire' as perimetre, qpv, zrr from jeunes_annee where code_ml in $codes_ml
    union all
    select 'region' as perimetre, qpv, zrr from jeunes_annee
),

par_indicateur as (
    unpivot perimetres on qpv, zrr into name indicateur value present
),

grille as (
    select perimetre, indicateur, modalite
    from (values ('territoire'), ('region')) as p(perimetre)
    cross join (values ('qpv'), ('zrr')) as i(indicateur)
    cross join (values ('oui'), ('non')) as m(modalite)
),

comptes as (
    select perimetre, indicateur, case when present then 'oui' else 'non' end as modalite, count(*) as nb_jeunes
    from par_indicateur
    group by all
),

final as (
    select
        g.perimetre,
        g.indicateur,
        g.modalite,
        coalesce(c.nb_jeunes, 0) as nb_jeunes,
        100.0 * coalesce(c.nb_jeunes, 0)
            / nullif(sum(coalesce(c.nb_jeunes, 0)) over (partition by g.perimetre, g.indicateur), 0) as part_pct,
        (select min(provenance) from jeunes_annee) as provenance
    from grille as g
    left join comptes as c using (perimetre, indicateur, modalite)
)

select perimetre, indicateur, modalite, nb_jeunes, part_pct, provenance
from final
order by perimetre = 'region', indicateur, modalite = 'non'
