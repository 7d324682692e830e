-- Every figure printed in the 2022 activity report (and those derived from them), one row each.
select
    id,
    theme,
    libelle,
    valeur,
    unite,
    annee,
    perimetre,
    source,
    statut,
    coalesce(formule, '') as formule,
    coalesce(note, '') as note
from indicateurs_publies
order by theme, id
