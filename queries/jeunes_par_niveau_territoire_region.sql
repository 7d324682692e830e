-- Young people supported in year $annee by qualification level, in territory $territoire and in the region.
with

jeunes_annee as (
    select
        j.niveau,
        j.id_jeune,
        j.code_ml in (select code_ml from missions_locales_du_territoire($territoire)) as dans_territoire
    from jeunes as j
    where j.annee = $annee
),

-- one row per young person and year in `jeunes` (key annee, id_jeune, checked at import): count(*) counts them
final as (
    select
        niveau,
        count(*) filter (where dans_territoire) as nb_jeunes_territoire,
        count(*) as nb_jeunes_region
    from jeunes_annee
    group by niveau
)

select niveau, nb_jeunes_territoire::bigint as nb_jeunes_territoire, nb_jeunes_region::bigint as nb_jeunes_region
from final
order by case niveau when 'sans_diplome' then 1 when 'cap_bep' then 2 when 'bac' then 3 else 4 end
