-- Every regional figure of the activity report that the extracts of year $annee can give back, one row
-- each: `mesure` (what is counted), `valeur`, `unite` ('jeunes', 'contrats', 'actions', 'entrées' or '%').
-- Used to set published figures beside their recomputation (observatoire/recalculs.py, page Sources & méthodes) and by the consistency test.
-- GJ and CEJ entries are those of the year: the extract model allows GJ entries only before 1 March 2022
-- and CEJ entries only from that day (checked at import), which is the report's scope for 2022, and
-- stays right for the years of the Garantie jeunes alone.
with

jeunes_annee as (
    select * from jeunes where annee = $annee
),

entrees_annee as (
    select e.*, j.sexe, j.qpv
    from entrees_dispositif as e
    left join jeunes_annee as j using (id_jeune)
    where e.annee = $annee
),

situations_annee as (
    select s.*, j.qpv, j.zrr, j.rqth, j.niveau
    from situations as s
    left join jeunes_annee as j using (id_jeune)
    where s.annee = $annee
),

entrants as (
    select distinct id_jeune from entrees_annee
),

formes as (
    select id_jeune, any_value(qpv) as qpv, any_value(zrr) as zrr, any_value(rqth) as rqth, any_value(niveau) as niveau
    from situations_annee
    where type = 'formation'
    group by id_jeune
),

publics as (
    select
        count(*) as jeunes_accompagnes,
        count(*) filter (where premier_accueil) as premiers_accueils,
        count(*) filter (where rqth) as rqth,
        count(*) filter (where sous_main_justice) as justice,
        count(*) filter (where sous_main_justice and niveau = 'sans_diplome') as justice_sans_diplome,
        count(*) filter (where sous_main_justice and tranche_age = '16-17') as justice_mineurs
    from jeunes_annee
),

dispositifs as (
    select
        count(distinct id_jeune) filter (where dispositif = 'GJ') as entrees_gj,
        count(distinct id_jeune) filter (where dispositif = 'CEJ') as entrees_cej,
        count(distinct id_jeune) as entrants,
        count(distinct id_jeune) filter (where sexe = 'F') as entrants_femmes,
        count(distinct id_jeune) filter (where sexe = 'H') as entrants_hommes,
        count(distinct id_jeune) filter (where qpv) as entrants_qpv
    from entrees_annee
),

objectif as (
    select sum(objectif) as objectif_cej from objectifs_cej where annee = $annee
),

emploi as (
    select
        count(distinct id_jeune) filter (where type = 'emploi') as emploi_jeunes,
        count(*) filter (where type = 'emploi') as emploi_contrats,
        count(*) filter (where type = 'emploi' and sous_type = 'interim') as emploi_interim,
        count(distinct id_jeune) filter (where type = 'alternance') as alternance_jeunes,
        count(*) filter (where type = 'formation') as formation_actions,
        count(*) filter (where type = 'formation' and sous_type = 'region') as formation_region
    from situations_annee
),

formation as (
    select
        count(*) as formation_jeunes,
        count(*) filter (where qpv) as formation_qpv,
        count(*) filter (where zrr) as formation_zrr,
        count(*) filter (where rqth) as formation_rqth,
        count(*) filter (where niveau = 'sans_diplome') as formation_sans_diplome,
        count(*) filter (where id_jeune in (select id_jeune from entrants)) as formation_entrants
    from formes
),

tout as (
    select * from publics, dispositifs, objectif, emploi, formation
),

final as (
    -- shares are in percent; a share with an empty denominator is null
    select 'jeunes_accompagnes' as mesure, jeunes_accompagnes::double as valeur, 'jeunes' as unite from tout
    union all select 'premiers_accueils', premiers_accueils, 'jeunes' from tout
    union all select 'premiers_accueils_part_pct', 100.0 * premiers_accueils / nullif(jeunes_accompagnes, 0), '%' from tout
    union all select 'rqth', rqth, 'jeunes' from tout
    union all select 'rqth_part_pct', 100.0 * rqth / nullif(jeunes_accompagnes, 0), '%' from tout
    union all select 'justice', justice, 'jeunes' from tout
    union all select 'justice_sans_diplome_part_pct', 100.0 * justice_sans_diplome / nullif(justice, 0), '%' from tout
    union all select 'justice_mineurs_part_pct', 100.0 * justice_mineurs / nullif(justice, 0), '%' from tout
    union all select 'entrees_gj', entrees_gj, 'jeunes' from tout
    union all select 'entrees_cej', entrees_cej, 'jeunes' from tout
    union all select 'entrees_gj_cej', entrees_gj + entrees_cej, 'jeunes' from tout
    union all select 'objectif_cej', objectif_cej, 'jeunes' from tout
    union all select 'realisation_objectif_pct', 100.0 * (entrees_gj + entrees_cej) / nullif(objectif_cej, 0), '%' from tout
    union all select 'entrants_femmes_part_pct', 100.0 * entrants_femmes / nullif(entrants, 0), '%' from tout
    union all select 'entrants_hommes_part_pct', 100.0 * entrants_hommes / nullif(entrants, 0), '%' from tout
    union all select 'entrants_qpv_part_pct', 100.0 * entrants_qpv / nullif(entrants, 0), '%' from tout
    union all select 'entrants_en_formation_part_pct', 100.0 * formation_entrants / nullif(entrants, 0), '%' from tout
    union all select 'emploi_jeunes', emploi_jeunes, 'jeunes' from tout
    union all select 'emploi_contrats', emploi_contrats, 'contrats' from tout
    union all select 'emploi_interim_part_pct', 100.0 * emploi_interim / nullif(emploi_contrats, 0), '%' from tout
    union all select 'alternance_jeunes', alternance_jeunes, 'jeunes' from tout
    union all select 'formation_jeunes', formation_jeunes, 'jeunes' from tout
    union all select 'formation_actions', formation_actions, 'actions' from tout
    union all select 'formation_region', formation_region, 'actions' from tout
    union all select 'formation_region_part_pct', 100.0 * formation_region / nullif(formation_actions, 0), '%' from tout
    union all select 'formation_qpv_part_pct', 100.0 * formation_qpv / nullif(formation_jeunes, 0), '%' from tout
    union all select 'formation_zrr_part_pct', 100.0 * formation_zrr / nullif(formation_jeunes, 0), '%' from tout
    union all select 'formation_rqth_part_pct', 100.0 * formation_rqth / nullif(formation_jeunes, 0), '%' from tout
    union all select 'formation_sans_diplome_part_pct', 100.0 * formation_sans_diplome / nullif(formation_jeunes, 0), '%' from tout
)

select mesure, valeur, unite from final
