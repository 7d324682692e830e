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
      and (
          (dispositif = 'GJ' and date_entree < date '2022-03-01')
          or (dispositif = 'CEJ' and date_entree >= date '2022-03-01')
      )
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
        case
            when grouping(departement) = 1 then 'region'
            when grouping(code_ml) = 1 then 'departement'
            else 'mission_locale'
        end as niveau,
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
        case a.niveau when 'region' then 'Normandie' when 'departement' then a.departement else a.code_ml end as code,
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
        on t.niveau = a.niveau
       and t.departement is not distinct from a.departement
       and t.code_ml is not distinct from a.code_ml
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
