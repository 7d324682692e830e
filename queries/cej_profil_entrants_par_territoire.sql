-- Young people who entered the Garantie jeunes or the CEJ in year $annee, for every Mission Locale, every
-- department and the region (`niveau`: 'mission_locale', 'departement', 'region'; `code` as in the derived
-- table `territoires`): how many (nb_entrants), and how many of them are women, men, live in a QPV, and
-- started a training action in the year (the report's "18 % ont fait ou sont en formation", read as: entrants
-- with a training action in the year — scope uncertain, as in the demo). Counts of young people; shares are
-- computed after secrecy. Read by observatoire/secret/territoires.py, which hides the same cells on every page.
-- From the derived table `parcours` (one row per young person, Mission Locale and year, with the young
-- person's sex and QPV from `jeunes` and whether they had a training action that year, in any Mission Locale).
with

decrits as (
    select p.id_jeune, p.code_ml, ml.departement, p.nb_ml, p.sexe, coalesce(p.qpv, false) as qpv,
           coalesce(p.formation_annee, false) as en_formation
    from parcours as p
    join missions_locales as ml using (code_ml)
    where p.annee = $annee
      and p.nb_entrees_gj + p.nb_entrees_cej > 0
),

-- Young people, not entries: one seen in a single Mission Locale that year (nb_ml = 1, nearly everyone)
-- is one row, and sums over rows count young people exactly at every level; one who entered in several
-- is counted once per territory.
une_ml as (
    select
        niveau_du_cumul(grouping(departement), grouping(code_ml)) as niveau,
        code_du_cumul(grouping(departement), grouping(code_ml), departement, code_ml) as code,
        departement,
        code_ml,
        count(*) filter (where nb_ml = 1) as u_entrants,
        count(*) filter (where nb_ml = 1 and sexe = 'F') as u_femmes,
        count(*) filter (where nb_ml = 1 and sexe = 'H') as u_hommes,
        count(*) filter (where nb_ml = 1 and qpv) as u_qpv,
        count(*) filter (where nb_ml = 1 and en_formation) as u_en_formation
    from decrits
    group by rollup (departement, code_ml)
),

plusieurs_ml as (
    select
        niveau_du_cumul(grouping(departement), grouping(code_ml)) as niveau,
        code_du_cumul(grouping(departement), grouping(code_ml), departement, code_ml) as code,
        departement,
        code_ml,
        count(distinct id_jeune) as p_entrants,
        count(distinct id_jeune) filter (where sexe = 'F') as p_femmes,
        count(distinct id_jeune) filter (where sexe = 'H') as p_hommes,
        count(distinct id_jeune) filter (where qpv) as p_qpv,
        count(distinct id_jeune) filter (where en_formation) as p_en_formation
    from decrits
    where nb_ml > 1
    group by rollup (departement, code_ml)
),

agrege as (
    select
        u.niveau, u.code, u.departement, u.code_ml,
        u.u_entrants + coalesce(p.p_entrants, 0) as nb_entrants,
        u.u_femmes + coalesce(p.p_femmes, 0) as nb_femmes,
        u.u_hommes + coalesce(p.p_hommes, 0) as nb_hommes,
        u.u_qpv + coalesce(p.p_qpv, 0) as nb_qpv,
        u.u_en_formation + coalesce(p.p_en_formation, 0) as nb_en_formation
    from une_ml as u
    left join plusieurs_ml as p
        on p.code = u.code
),

-- every territory is a row (derived table `territoires`), even one without any entrant (a true 0)
final as (
    select t.niveau, t.departement, t.code, t.ordre, a.* exclude (niveau, code, departement, code_ml)
    from territoires as t
    left join agrege as a
        on a.code = t.code
)

select
    niveau, departement, code,
    coalesce(nb_entrants, 0)::bigint as nb_entrants,
    coalesce(nb_femmes, 0)::bigint as nb_femmes,
    coalesce(nb_hommes, 0)::bigint as nb_hommes,
    coalesce(nb_qpv, 0)::bigint as nb_qpv,
    coalesce(nb_en_formation, 0)::bigint as nb_en_formation
from final
order by ordre, departement, code
