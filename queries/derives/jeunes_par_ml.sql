-- Derived table `jeunes_par_ml`, built once per data version (observatoire/derive.py), never edited by hand:
-- one row per Mission Locale and year $annee, counting the young people supported (`jeunes` has one row per
-- young person and year) in total and with each characteristic the key figures use. Any territory's counts
-- are then sums over at most a few hundred rows instead of a million.
select
    $annee::integer as annee,
    code_ml,
    count(*) as nb_jeunes,
    count(*) filter (where premier_accueil) as nb_premiers_accueils,
    count(*) filter (where sexe = 'F') as nb_femmes,
    count(*) filter (where niveau = 'sans_diplome') as nb_sans_diplome,
    count(*) filter (where qpv) as nb_qpv,
    count(*) filter (where zrr) as nb_zrr,
    count(*) filter (where rqth) as nb_rqth,
    count(*) filter (where logement = 'precaire') as nb_logement_precaire,
    count(*) filter (where sous_main_justice) as nb_sous_main_justice,
    min(provenance) as provenance
from jeunes
where annee = $annee
group by code_ml
order by code_ml
