-- Garantie jeunes and Contrat d'engagement jeune in year $annee, per territory and for the region:
-- entries of each, the State's objective, and achievement in % = (GJ + CEJ entries) / objective, as the
-- report computes it (13 927 entries for an objective of 12 952 in 2022: the objective covers both).
-- $niveau: 'departement' or 'mission_locale'. `depuis_extraits` is true when every row comes from imported extracts.
with

entrees as (
    select
        code_ml,
        count(*) filter (where dispositif = 'CEJ') as nb_entrees_cej,
        count(*) filter (where dispositif = 'GJ') as nb_entrees_gj,
        bool_and(provenance = 'extraits') as depuis_extraits
    from entrees_dispositif
    where annee = $annee
    group by code_ml
),

objectifs as (
    select
        code_ml,
        sum(objectif) as objectif_cej,
        bool_and(provenance = 'extraits') as depuis_extraits
    from objectifs_cej
    where annee = $annee
    group by code_ml
),

par_ml as (
    select
        case when $niveau = 'departement' then ml.departement else ml.code_ml end as code,
        coalesce(e.nb_entrees_cej, 0) as nb_entrees_cej,
        coalesce(e.nb_entrees_gj, 0) as nb_entrees_gj,
        o.objectif_cej,
        coalesce(e.depuis_extraits, true) and coalesce(o.depuis_extraits, true) as depuis_extraits
    from missions_locales as ml
    left join entrees as e using (code_ml)
    left join objectifs as o using (code_ml)
),

final as (
    select
        coalesce(code, 'Normandie') as code,
        case when grouping(code) = 1 then 'region' else 'territoire' end as niveau_ligne,
        sum(nb_entrees_cej) as nb_entrees_cej,
        sum(nb_entrees_gj) as nb_entrees_gj,
        -- an objective is known for a group only if it is known for each of its Missions Locales (the one rule,
        -- as queries/cej_realisation_par_territoire.sql: achievement is observatoire/publication/cej.py's)
        case when count(objectif_cej) = count(*) then sum(objectif_cej) end as objectif_cej,
        bool_and(depuis_extraits) as depuis_extraits
    from par_ml
    group by grouping sets ((code), ())
)

select
    code,
    niveau_ligne,
    nb_entrees_cej::bigint as nb_entrees_cej,
    nb_entrees_gj::bigint as nb_entrees_gj,
    (nb_entrees_gj + nb_entrees_cej)::bigint as nb_entrees_gj_cej,
    objectif_cej::bigint as objectif_cej,
    depuis_extraits
from final
order by niveau_ligne = 'region', code
