"""Declared schemas of the source files (pandera): a source that breaks them stops the build with a clear message."""
from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

UNITES = ["jeunes", "%", "€", "nombre", "km", "heures", "jours", "personnes", "professionnels",
          "réunions", "mails", "actions", "sessions", "formations", "entrées", "contrats",
          "missions", "structures", "questionnaires", "litres", "sacs", "documents", "publications",
          "répondants", "événements", "points", "Missions Locales", "participants", "binômes",
          "kits", "affichages", "brochures", "rang", "années", "ans", "groupes de travail", "campagnes",
          "demi-journées"]

INDICATEURS = pa.DataFrameSchema(
    {
        "id": pa.Column(str, pa.Check.str_matches(r"^[a-z0-9_]+$"), unique=True),
        "theme": pa.Column(str, pa.Check.str_matches(r"^[a-z0-9_]+$")),
        "libelle": pa.Column(str, pa.Check.str_length(min_value=3)),
        "valeur": pa.Column(float, coerce=True),
        "unite": pa.Column(str, pa.Check.isin(UNITES)),
        "annee": pa.Column(int, pa.Check.in_range(2015, 2030), coerce=True),
        "perimetre": pa.Column(str),
        "source": pa.Column(str, pa.Check.str_length(min_value=3)),
        "statut": pa.Column(str, pa.Check.isin(["publié", "dérivé"])),
        "formule": pa.Column(str, nullable=True),
        "note": pa.Column(str, nullable=True),
        "ordre": pa.Column(int, coerce=True, required=False),  # reading order of the report
    },
    checks=[
        pa.Check(lambda d: (d["statut"] != "dérivé") | (d["formule"].str.len() > 0),
                 error="un chiffre dérivé doit donner sa formule"),
    ],
    strict=False,
)

MISSIONS_LOCALES = pa.DataFrameSchema(
    {
        "code_ml": pa.Column(str, pa.Check.str_matches(r"^(14|27|50|61|76)-[A-Z]{3}$"), unique=True),
        "nom": pa.Column(str),
        "departement": pa.Column(str, pa.Check.isin(["14", "27", "50", "61", "76"])),
        "commune_siege": pa.Column(str, pa.Check.str_matches(r"^\d{5}$")),
        "telephone": pa.Column(str, pa.Check.str_matches(r"^0\d( \d\d){4}$")),
        "email": pa.Column(str, pa.Check.str_contains("@")),
    },
    checks=[pa.Check(lambda d: len(d) == 24, error="24 Missions Locales attendues")],
    strict=False,
)

# Commune -> Mission Locale (geo/build.py writes an approximation; the official list may replace it).
ML_COMMUNES = pa.DataFrameSchema(
    {
        "code_commune": pa.Column(str, pa.Check.str_matches(r"^(14|27|50|61|76)\d{3}$"), unique=True),
        "code_ml": pa.Column(str, pa.Check.str_matches(r"^(14|27|50|61|76)-[A-Z]{3}$")),
        "methode": pa.Column(str, pa.Check.str_length(min_value=3)),
    },
    checks=[pa.Check(lambda d: d["code_ml"].nunique() == 24,
                     error="chaque Mission Locale doit avoir au moins une commune")],
    strict=False,
)

# Published figure -> how the app's queries give it back over the extracts of the figure's year
# (observatoire/publies.py reads it; the recalculation table, the Publics and home pages and tests/test_demo.py use it).
CALCULS = ["valeur", "evolution_pct", "evolution_points", "hors_extraits"]
CORRESPONDANCES = pa.DataFrameSchema(
    {
        "id_publie": pa.Column(str, pa.Check.str_matches(r"^[a-z0-9_]+$"), unique=True),
        "calcul": pa.Column(str, pa.Check.isin(CALCULS)),
        "requete": pa.Column(str, pa.Check.str_matches(r"^[a-z0-9_]*$")),
        **{nom: pa.Column(str) for nom in ("perimetre", "dimension", "modalite", "mesure", "colonne", "remarque")},
    },
    checks=[
        pa.Check(lambda d: (d["calcul"] == "hors_extraits") == (d["requete"] == ""),
                 error="une requête pour chaque chiffre recalculé, aucune hors des extraits"),
        pa.Check(lambda d: (d["requete"] == "") == (d["colonne"] == ""), error="une colonne pour chaque requête"),
        pa.Check(lambda d: (d["calcul"] != "hors_extraits") | (d["remarque"] != ""),
                 error="un chiffre hors des extraits dit pourquoi"),
    ],
    strict=True,
)

SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "correspondances": CORRESPONDANCES,
    "indicateurs_publies": INDICATEURS,
    "missions_locales": MISSIONS_LOCALES,
    "ml_communes": ML_COMMUNES,
}


class SourceInvalide(ValueError):
    pass


def valider_source(nom: str, df: pd.DataFrame) -> pd.DataFrame:
    schema = SCHEMAS.get(nom)
    if schema is None:
        return df
    df = df.replace({"": None}) if nom == "indicateurs_publies" else df
    try:
        return schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cas = exc.failure_cases[["column", "check", "index", "failure_case"]].head(20)
        raise SourceInvalide(
            f"data/sources/{nom}.csv ne respecte pas son schéma :\n{cas.to_string(index=False)}") from exc
