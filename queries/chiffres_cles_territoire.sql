-- Key figures of one territory for year $annee and the year before, computed from the extracts
-- (demonstration or imported): one row. $territoire: 'Normandie', a department ('14') or a Mission Locale ('14-CAE').
-- Counts are numbers of distinct young people (nb_*), of entries (nb_entrees_*) or the State objective.
-- `provenance` is 'extraits' only when every row used comes from imported extracts.
with

-- The inputs, restricted to the territory's Missions Locales (macro lignes_du_territoire, queries/macros/):
-- young people counted per Mission Locale and year (derived table `jeunes_par_ml`), entries, situations through
-- their derived table `parcours` (one row per young person, Mission Locale and year), the State objectives.
jeunes_perimetre as (select * from lignes_du_territoire('jeunes_par_ml', $territoire) where annee in ($annee, $annee - 1)),
entrees_perimetre as (select * from lignes_du_territoire('entrees_dispositif', $territoire) where annee = $annee),
parcours_perimetre as (select * from lignes_du_territoire('parcours', $territoire) where annee = $annee),
objectifs_perimetre as (select * from lignes_du_territoire('objectifs_cej', $territoire) where annee = $annee),

jeunes_par_annee as (
    select
        annee,
        sum(nb_jeunes) as nb_jeunes,
        sum(nb_premiers_accueils) as nb_premiers_accueils,
        sum(nb_femmes) as nb_femmes,
        sum(nb_sans_diplome) as nb_sans_diplome,
        sum(nb_qpv) as nb_qpv,
        sum(nb_zrr) as nb_zrr,
        sum(nb_rqth) as nb_rqth,
        sum(nb_logement_precaire) as nb_logement_precaire,
        sum(nb_sous_main_justice) as nb_sous_main_justice,
        bool_and(provenance = 'extraits') as jeunes_depuis_extraits
    from jeunes_perimetre
    group by annee
),

-- the year and the year before, side by side
jeunes_annee as (
    select
        coalesce(a.nb_jeunes, 0) as nb_jeunes,
        coalesce(p.nb_jeunes, 0) as nb_jeunes_annee_precedente,
        coalesce(a.nb_premiers_accueils, 0) as nb_premiers_accueils,
        coalesce(p.nb_premiers_accueils, 0) as nb_premiers_accueils_annee_precedente,
        coalesce(columns(a.* exclude (annee, nb_jeunes, nb_premiers_accueils, jeunes_depuis_extraits)), 0),
        a.jeunes_depuis_extraits
    from (select 1) as un
    left join jeunes_par_annee as a on a.annee = $annee
    left join jeunes_par_annee as p on p.annee = $annee - 1
),

entrees as (
    select
        count(*) filter (where dispositif = 'GJ') as nb_entrees_gj,
        count(*) filter (where dispositif = 'CEJ') as nb_entrees_cej,
        bool_and(provenance = 'extraits') as entrees_depuis_extraits
    from entrees_perimetre
),

-- a young person seen in one Mission Locale that year (nb_ml = 1, nearly everyone) is one row; the few
-- seen in several are counted distinctly
situations_annee as (
    select
        count(*) filter (where nb_ml = 1 and nb_emploi > 0)
            + (select count(distinct id_jeune) from parcours_perimetre where nb_ml > 1 and nb_emploi > 0)
            as nb_jeunes_emploi,
        count(*) filter (where nb_ml = 1 and nb_alternance > 0)
            + (select count(distinct id_jeune) from parcours_perimetre where nb_ml > 1 and nb_alternance > 0)
            as nb_jeunes_alternance,
        count(*) filter (where nb_ml = 1 and nb_formation > 0)
            + (select count(distinct id_jeune) from parcours_perimetre where nb_ml > 1 and nb_formation > 0)
            as nb_jeunes_formation
    from parcours_perimetre
),

objectifs as (
    select sum(objectif) as objectif_cej from objectifs_perimetre
),

final as (
    select
        $annee as annee,
        (select count(*) from missions_locales_du_territoire($territoire)) as nb_missions_locales,
        j.*,
        e.nb_entrees_gj,
        e.nb_entrees_cej,
        o.objectif_cej,
        s.*,
        case when coalesce(j.jeunes_depuis_extraits, false) and coalesce(e.entrees_depuis_extraits, true)
             then 'extraits' else 'démonstration' end as provenance
    from jeunes_annee as j, entrees as e, situations_annee as s, objectifs as o
)

select
    annee::integer as annee,
    nb_missions_locales::integer as nb_missions_locales,
    nb_jeunes::bigint as nb_jeunes,
    nb_jeunes_annee_precedente::bigint as nb_jeunes_annee_precedente,
    nb_premiers_accueils::bigint as nb_premiers_accueils,
    nb_premiers_accueils_annee_precedente::bigint as nb_premiers_accueils_annee_precedente,
    nb_femmes::bigint as nb_femmes,
    nb_sans_diplome::bigint as nb_sans_diplome,
    nb_qpv::bigint as nb_qpv,
    nb_zrr::bigint as nb_zrr,
    nb_rqth::bigint as nb_rqth,
    nb_logement_precaire::bigint as nb_logement_precaire,
    nb_sous_main_justice::bigint as nb_sous_main_justice,
    nb_entrees_gj::bigint as nb_entrees_gj,
    nb_entrees_cej::bigint as nb_entrees_cej,
    objectif_cej::bigint as objectif_cej,
    nb_jeunes_emploi::bigint as nb_jeunes_emploi,
    nb_jeunes_alternance::bigint as nb_jeunes_alternance,
    nb_jeunes_formation::bigint as nb_jeunes_formation,
    provenance
from final
