-- Derived table `profils_jeunes`, built once per data version (observatoire/derive.py), never edited by hand:
-- the young people supported in year $annee counted per Mission Locale and combination of the
-- characteristics the "Publics" breakdowns use (a national year: 1,1 million rows become about 160 000).
select
    $annee::integer as annee,
    code_ml,
    tranche_age,
    niveau,
    sexe,
    coalesce(logement, 'non_renseigne') as logement,  -- optional column: unknown is a category
    case when rqth then 'oui' else 'non' end as rqth,
    case when qpv then 'oui' else 'non' end as qpv,
    case when zrr then 'oui' else 'non' end as zrr,
    count(*) as nb_jeunes,
    min(provenance) as provenance
from jeunes
where annee = $annee
group by all
order by all
