-- Macros the query runner (observatoire/db.py) creates on its connection before any query runs: the SQL that
-- several queries share, written once.

-- The entries the report counts against the State objective: Garantie jeunes before 1 March 2022 (the CEJ's
-- first day, décret n° 2022-199), CEJ from that day (1 January–28 February then 1 March–31 December in 2022).
create macro entree_du_rapport(dispositif, date_entree) as
    (dispositif = 'GJ' and date_entree < date '2022-03-01')
    or (dispositif = 'CEJ' and date_entree >= date '2022-03-01');

-- The level of a row of `group by rollup (departement, code_ml)`: the region, a department, a Mission Locale.
create macro niveau_du_cumul(departement_regroupe, mission_locale_regroupee) as
    case
        when departement_regroupe = 1 then 'region'
        when mission_locale_regroupee = 1 then 'departement'
        else 'mission_locale'
    end;

-- The app's code of that row ('Normandie', '14', '14-CAE'), as in the derived table `territoires`: rows of
-- two roll-ups, or a roll-up and `territoires`, join on it alone.
create macro code_du_cumul(departement_regroupe, mission_locale_regroupee, departement, code_ml) as
    case
        when departement_regroupe = 1 then 'Normandie'
        when mission_locale_regroupee = 1 then departement
        else code_ml
    end;

-- The Missions Locales of a territory as the app names it: 'Normandie', a department ('14') or a Mission Locale
-- ('14-CAE'). Used as a table: `join missions_locales_du_territoire($territoire) using (code_ml)`.
create macro missions_locales_du_territoire(territoire) as table
    select code_ml
    from missions_locales
    where territoire = 'Normandie' or departement = territoire or code_ml = territoire;

-- The rows of table `nom_table` (a view of the connection, with a `code_ml` column) of a territory's Missions
-- Locales: `select * from lignes_du_territoire('entrees_dispositif', $territoire) where annee = $annee`.
create macro lignes_du_territoire(nom_table, territoire) as table
    select *
    from query_table(nom_table)
    where code_ml in (select code_ml from missions_locales_du_territoire(territoire));
