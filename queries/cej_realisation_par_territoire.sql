-- Achievement of the State objective of entries in year $annee, for every Mission Locale, every department
-- and the region (`niveau`: 'mission_locale', 'departement', 'region'): entries into the Garantie jeunes
-- (before 1 March 2022) and the CEJ (from 1 March 2022), their sum, the objective and
-- realisation_pct = 100 × (GJ + CEJ entries) / objective, as the report computes it (13 927 / 12 952).
-- Labels (`libelle`, `libelle_court` for chart axes) come from the derived table `territoires`.
with

missions_locales as (
    select code_ml, departement from missions_locales
),

entrees as (
    select
        code_ml,
        count(*) filter (where dispositif = 'GJ') as nb_entrees_gj,
        count(*) filter (where dispositif = 'CEJ') as nb_entrees_cej,
        min(provenance) as provenance
    from entrees_dispositif
    where annee = $annee
      and entree_du_rapport(dispositif, date_entree)
    group by code_ml
),

objectifs as (
    select code_ml, sum(objectif) as objectif_cej
    from objectifs_cej
    where annee = $annee
    group by code_ml
),

par_ml as (
    select
        ml.code_ml,
        ml.departement,
        coalesce(e.nb_entrees_gj, 0) as nb_entrees_gj,
        coalesce(e.nb_entrees_cej, 0) as nb_entrees_cej,
        o.objectif_cej
    from missions_locales as ml
    left join entrees as e using (code_ml)
    left join objectifs as o using (code_ml)
),

agrege as (
    select
        niveau_du_cumul(grouping(departement), grouping(code_ml)) as niveau,
        code_du_cumul(grouping(departement), grouping(code_ml), departement, code_ml) as code,
        departement,
        code_ml,
        sum(nb_entrees_gj) as nb_entrees_gj,
        sum(nb_entrees_cej) as nb_entrees_cej,
        -- an objective is known for a group only if it is known for each of its Missions Locales
        case when count(objectif_cej) = count(*) then sum(objectif_cej) end as objectif_cej
    from par_ml
    group by rollup (departement, code_ml)
),

final as (
    select
        a.niveau,
        a.code,
        t.libelle,
        t.libelle_court,
        a.departement,
        a.nb_entrees_gj,
        a.nb_entrees_cej,
        a.nb_entrees_gj + a.nb_entrees_cej as nb_entrees,
        a.objectif_cej,
        (select min(provenance) from entrees) as provenance
    from agrege as a
    left join territoires as t
        on t.code = a.code
)

select
    niveau,
    code,
    libelle,
    libelle_court,
    departement,
    nb_entrees_gj::bigint as nb_entrees_gj,
    nb_entrees_cej::bigint as nb_entrees_cej,
    nb_entrees::bigint as nb_entrees,
    objectif_cej::bigint as objectif_cej,
    -- percent of the objective reached
    100.0 * nb_entrees / nullif(objectif_cej, 0) as realisation_pct,
    provenance
from final
order by case niveau when 'region' then 0 when 'departement' then 1 else 2 end, departement, code
