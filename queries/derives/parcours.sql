-- Derived table `parcours`, built once per data version (observatoire/derive.py), never edited by hand:
-- one row per young person, Mission Locale and year $annee with at least one situation (work contract,
-- alternance, training action) or one entry into a scheme that year. Counting young people per
-- territory then needs no count(distinct) over a million identifiers at each page view.
--   nb_*               rows of the extracts for this young person in this Mission Locale;
--   nb_ml              Missions Locales where the young person has such rows that year (1 nearly always):
--                      where it is 1, a young person is a row and sums are exact; where it is more, queries
--                      count distinct identifiers over those few rows;
--   formation_annee    a training action that year, in any Mission Locale;
--   sexe, qpv          from `jeunes` the same year (null when the young person is not in it);
--   provenance_*       of the situations and of the entries (null when there is none).
with

lignes as (
    select
        id_jeune, code_ml,
        type = 'emploi' as emploi,
        type = 'emploi' and sous_type = 'CDI' as cdi,
        type = 'emploi' and sous_type = 'CDD' as cdd,
        type = 'emploi' and sous_type = 'interim' as interim,
        type = 'alternance' as alternance,
        type = 'formation' as formation,
        type = 'formation' and sous_type = 'region' as formation_region,
        false as entree_gj,
        false as entree_cej,
        provenance as provenance_situation,
        null::varchar as provenance_entree
    from situations
    where annee = $annee
    union all
    select
        id_jeune, code_ml,
        false, false, false, false, false, false, false,
        dispositif = 'GJ',
        dispositif = 'CEJ',
        null::varchar,
        provenance
    from entrees_dispositif
    where annee = $annee
),

par_ml as (
    select
        id_jeune,
        code_ml,
        count(*) filter (where emploi) as nb_emploi,
        count(*) filter (where cdi) as nb_cdi,
        count(*) filter (where cdd) as nb_cdd,
        count(*) filter (where interim) as nb_interim,
        count(*) filter (where alternance) as nb_alternance,
        count(*) filter (where formation) as nb_formation,
        count(*) filter (where formation_region) as nb_formation_region,
        count(*) filter (where entree_gj) as nb_entrees_gj,
        count(*) filter (where entree_cej) as nb_entrees_cej,
        min(provenance_situation) as provenance_situations,
        min(provenance_entree) as provenance_entrees
    from lignes
    group by id_jeune, code_ml
),

par_jeune as (
    select
        *,
        count(*) over (partition by id_jeune) as nb_ml,
        bool_or(nb_formation > 0) over (partition by id_jeune) as formation_annee
    from par_ml
)

select
    $annee::integer as annee,
    p.code_ml,
    p.id_jeune,
    p.nb_ml::integer as nb_ml,
    p.nb_emploi::integer as nb_emploi,
    p.nb_cdi::integer as nb_cdi,
    p.nb_cdd::integer as nb_cdd,
    p.nb_interim::integer as nb_interim,
    p.nb_alternance::integer as nb_alternance,
    p.nb_formation::integer as nb_formation,
    p.nb_formation_region::integer as nb_formation_region,
    p.nb_entrees_gj::integer as nb_entrees_gj,
    p.nb_entrees_cej::integer as nb_entrees_cej,
    p.formation_annee,
    j.sexe,
    j.qpv,
    p.provenance_situations,
    p.provenance_entrees
from par_jeune as p
left join (select id_jeune, sexe, qpv from jeunes where annee = $annee) as j using (id_jeune)
-- sorted by Mission Locale: a territory's rows sit together, the parquet row groups can be skipped
order by p.code_ml, p.id_jeune
