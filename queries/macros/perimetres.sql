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
