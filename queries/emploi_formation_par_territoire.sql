-- Employment, alternance and training started in year $annee, for every Mission Locale, every department
-- and the region (`niveau`: 'mission_locale', 'departement', 'region'), from the extract `situations`
-- (one row per work contract, alternance contract or training action) through its derived table
-- `parcours` (one row per young person, Mission Locale and year: queries/derives/parcours.sql):
--   young people: nb_jeunes_emploi (at least one work contract outside alternance), nb_jeunes_alternance,
--                 nb_jeunes_formation (at least one training action);
--   contracts:    nb_contrats_cdi, nb_contrats_cdd, nb_contrats_interim (temporary work), nb_contrats;
--   actions:      nb_actions_region (funded by the Region), nb_actions_autre, nb_actions.
-- Labels (`libelle`, `libelle_court` for chart axes) come from the derived table `territoires`.
with

parcours_annee as (
    select p.*, ml.departement
    from parcours as p
    join missions_locales as ml using (code_ml)
    where p.annee = $annee
      and p.provenance_situations is not null  -- young people with a situation (not only an entry)
),

-- A young person seen in one Mission Locale that year (nb_ml = 1, nearly everyone) is one row: sums over
-- the rows count young people exactly at every level. Those seen in several are counted distinctly.
une_ml as (
    select
        niveau_du_cumul(grouping(departement), grouping(code_ml)) as niveau,
        code_du_cumul(grouping(departement), grouping(code_ml), departement, code_ml) as code,
        departement,
        code_ml,
        count(*) filter (where nb_ml = 1 and nb_emploi > 0) as u_emploi,
        count(*) filter (where nb_ml = 1 and nb_alternance > 0) as u_alternance,
        count(*) filter (where nb_ml = 1 and nb_formation > 0) as u_formation,
        sum(nb_cdi) as nb_contrats_cdi,
        sum(nb_cdd) as nb_contrats_cdd,
        sum(nb_interim) as nb_contrats_interim,
        sum(nb_emploi) as nb_contrats,
        sum(nb_formation_region) as nb_actions_region,
        sum(nb_formation - nb_formation_region) as nb_actions_autre,
        sum(nb_formation) as nb_actions
    from parcours_annee
    group by rollup (departement, code_ml)
),

plusieurs_ml as (
    select
        niveau_du_cumul(grouping(departement), grouping(code_ml)) as niveau,
        code_du_cumul(grouping(departement), grouping(code_ml), departement, code_ml) as code,
        departement,
        code_ml,
        count(distinct id_jeune) filter (where nb_emploi > 0) as p_emploi,
        count(distinct id_jeune) filter (where nb_alternance > 0) as p_alternance,
        count(distinct id_jeune) filter (where nb_formation > 0) as p_formation
    from parcours_annee
    where nb_ml > 1
    group by rollup (departement, code_ml)
),

agrege as (
    select
        u.niveau, u.code, u.departement, u.code_ml,
        u.u_emploi + coalesce(p.p_emploi, 0) as nb_jeunes_emploi,
        u.u_alternance + coalesce(p.p_alternance, 0) as nb_jeunes_alternance,
        u.u_formation + coalesce(p.p_formation, 0) as nb_jeunes_formation,
        u.nb_contrats_cdi, u.nb_contrats_cdd, u.nb_contrats_interim, u.nb_contrats,
        u.nb_actions_region, u.nb_actions_autre, u.nb_actions
    from une_ml as u
    left join plusieurs_ml as p
        on p.code = u.code
),

-- every territory is a row (derived table `territoires`), even one without any situation (a true 0)
final as (
    select
        t.niveau, t.code, t.libelle, t.libelle_court, t.departement,
        a.* exclude (niveau, code, departement, code_ml)
    from territoires as t
    left join agrege as a
        on a.code = t.code
)

select
    niveau, code, libelle, libelle_court, departement,
    coalesce(nb_jeunes_emploi, 0)::bigint as nb_jeunes_emploi,
    coalesce(nb_jeunes_alternance, 0)::bigint as nb_jeunes_alternance,
    coalesce(nb_jeunes_formation, 0)::bigint as nb_jeunes_formation,
    coalesce(nb_contrats_cdi, 0)::bigint as nb_contrats_cdi,
    coalesce(nb_contrats_cdd, 0)::bigint as nb_contrats_cdd,
    coalesce(nb_contrats_interim, 0)::bigint as nb_contrats_interim,
    coalesce(nb_contrats, 0)::bigint as nb_contrats,
    coalesce(nb_actions_region, 0)::bigint as nb_actions_region,
    coalesce(nb_actions_autre, 0)::bigint as nb_actions_autre,
    coalesce(nb_actions, 0)::bigint as nb_actions,
    (select min(provenance_situations) from parcours_annee) as provenance
from final
order by case niveau when 'region' then 0 when 'departement' then 1 else 2 end, departement, code
