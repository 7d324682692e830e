-- Young people supported in year $annee and, among them, first welcomes, in the selected territory
-- (Missions Locales $codes_ml) and in the whole region. Counts of young people (one row per person and year).
with

jeunes_annee as (
    select code_ml, premier_accueil, provenance
    from jeunes
    where annee = $annee
),

perimetres as (
    select 'territoire' as perimetre, * from jeunes_annee where code_ml in $codes_ml
    union all
    select 'region' as perimetre, * from jeunes_annee
),

final as (
    select
        p.perimetre,
        count(j.perimetre) as nb_jeunes,
        count(j.perimetre) filter (where j.premier_accueil) as nb_premiers_accueils,
        (select min(provenance) from jeunes_annee) as provenance
    from (values ('territoire'), ('region')) as p(perimetre)
    left join perimetres as j using (perimetre)
    group by p.perimetre
)

select perimetre, nb_jeunes, nb_premiers_accueils, provenance
from final
order by perimetre = 'region', perimetre
