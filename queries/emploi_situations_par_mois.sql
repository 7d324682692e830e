-- Work contracts (outside alternance), alternance contracts and training actions started in each month
-- of year $annee in the selected territory (Missions Locales $codes_ml): one row per month (1 to 12) and
-- type ('emploi', 'alternance', 'formation'), nb_debuts = contracts or actions started (a true 0 is a row).
with

debuts as (
    select type, month(date_debut) as mois
    from situations
    where annee = $annee and code_ml in $codes_ml
),

grille as (
    select mois, type
    from range(1, 13) as m(mois)
    cross join (values ('emploi'), ('alternance'), ('formation')) as t(type)
),

comptes as (
    select mois, type, count(*) as nb_debuts
    from debuts
    group by mois, type
),

final as (
    select g.mois::integer as mois, g.type, coalesce(c.nb_debuts, 0)::bigint as nb_debuts
    from grille as g
    left join comptes as c using (mois, type)
)

select mois, type, nb_debuts
from final
order by mois, case type when 'emploi' then 0 when 'alternance' then 1 else 2 end
