-- Work contracts (outside alternance), alternance contracts and training actions started in each month of
-- year $annee, for every Mission Locale: one row per Mission Locale (`code_ml`, with its `departement`),
-- month (1 to 12) and type ('emploi', 'alternance', 'formation'); nb_debuts = contracts or actions started
-- (a true 0 is a row). The same counts as queries/emploi_situations_par_mois.sql for one Mission Locale,
-- all at once: the joint secrecy mask of the monthly starts (observatoire/secret/territoires.py) sums them
-- to the departments and the region.
with

debuts as (
    select code_ml, type, month(date_debut) as mois
    from situations
    where annee = $annee
),

grille as (
    select ml.code_ml, ml.departement, m.mois, t.type
    from missions_locales as ml
    cross join range(1, 13) as m(mois)
    cross join (values ('emploi'), ('alternance'), ('formation')) as t(type)
),

comptes as (
    select code_ml, mois, type, count(*) as nb_debuts
    from debuts
    group by code_ml, mois, type
),

final as (
    select g.code_ml, g.departement, g.mois::integer as mois, g.type, coalesce(c.nb_debuts, 0)::bigint as nb_debuts
    from grille as g
    left join comptes as c using (code_ml, mois, type)
)

select code_ml, departement, mois, type, nb_debuts
from final
order by code_ml, mois, case type when 'emploi' then 0 when 'alternance' then 1 else 2 end
