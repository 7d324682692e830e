"""Home page: the key figures of the chosen year and territory, each with where it comes from."""
import pandas as pd
import streamlit as st

from observatoire import config, db, filtres, formats, publies, secret, secret_territoires, ui
from observatoire.vue import telechargements
from observatoire.provenance import Provenance

ui.entete(
    "Chiffres clés",
    "Les Missions Locales de Normandie accompagnent les jeunes de 16 à 25 ans vers l'emploi, "
    "la formation, le logement et la santé. Voici l'essentiel de l'année, pour la région ou "
    "pour votre territoire.",
)
f = filtres.barre_laterale()
p = publies.indicateur


def chiffres_publies_2022() -> None:
    st.markdown("Chiffres de l'année 2022 **tels que publiés** dans le rapport d'activité de l'ARML Normandie.")
    col1, col2, col3 = st.columns(3)
    with col1:
        ui.carte_publiee(p("jeunes_accompagnes"), delta=p("jeunes_accompagnes_evolution"))
    with col2:
        part, accueils, accompagnes = p("premiers_accueils_part"), p("premiers_accueils"), p("jeunes_accompagnes")
        ui.carte_publiee(accueils, delta=p("premiers_accueils_evolution"),
                         complement=f"soit **{part.texte}** des jeunes accompagnés ({accueils.texte} ÷ "
                                    f"{accompagnes.texte}, part dérivée des chiffres publiés)")
    with col3:
        total, objectif, taux = p("cej_entrees_total"), p("cej_objectif"), p("cej_taux_realisation")
        ui.carte_publiee(total, libelle="Entrées en Garantie Jeunes et CEJ",
                         complement=f"pour un objectif de **{objectif.texte}** conventionné avec l'État, "
                                    f"soit **{taux.texte}** de réalisation")
        st.progress(min(total.valeur / objectif.valeur, 1.0),
                    text=f"{taux.texte} de l'objectif atteint ({total.texte} / {objectif.texte})")

    st.subheader("Entrées en Garantie Jeunes puis en CEJ")
    gj, cej = p("cej_entrees_gj"), p("cej_entrees_cej")
    c1, c2 = st.columns(2)
    with c1:
        ui.carte_publiee(gj)
    with c2:
        ui.carte_publiee(cej)
    st.caption(f"{gj.texte} + {cej.texte} = {formats.nombre(gj.valeur + cej.valeur)} entrées, "
               f"soit {formats.pourcentage(round(100 * (gj.valeur + cej.valeur) / objectif.valeur))} "
               f"de l'objectif de {objectif.texte}.")

    st.subheader("Emploi et formation")
    c1, c2, c3, c4 = st.columns(4)
    for col, id_ in zip((c1, c2, c3, c4), ("emploi_observatoire_jeunes_entres_emploi",
                                           "emploi_observatoire_jeunes_alternance",
                                           "formation_observatoire_jeunes", "publics_nb_sans_diplome")):
        with col:
            ui.carte_publiee(p(id_))

    st.subheader("Activité des Missions Locales")
    ids_activite = ("publics_entretiens_individuels", "publics_ateliers", "publics_informations_collectives",
                    "publics_heures_face_a_face")
    for col, id_ in zip(st.columns(4), ids_activite):
        with col:
            ui.carte_publiee(p(id_))
    st.caption(p("publics_heures_face_a_face").note)

    with st.expander("Estimations 2021 dérivées des variations publiées"):
        ui.tableau_publies([p("jeunes_accompagnes_2021"), p("premiers_accueils_2021")])


def _ligne(df: pd.DataFrame) -> dict:
    """The one row of a query, with SQL NULLs as None."""
    return {k: (None if pd.isna(v) else v) for k, v in df.iloc[0].items()}


def _cache(code: str, *colonnes: str, annee: int | None = None) -> bool:
    """One of these counts of `code` is hidden by the year's reference mask (observatoire/secret_territoires.py),
    the same cells as on every page."""
    return any(secret_territoires.est_cache(annee or f.annee, code, c) for c in colonnes)


def _evolution(actuel, precedent, cache: bool = False) -> tuple[str | None, int]:
    """The change since last year; `cache`: this year's or last year's count is hidden (with the change, one
    gives the other back)."""
    if cache or not precedent or not actuel or secret.est_primaire(actuel) or secret.est_primaire(precedent):
        return None, 0
    v = round(100 * float(actuel - precedent) / float(precedent), 1)
    return f"{formats.variation(v)} par rapport à {f.annee - 1}", int(v > 0) - int(v < 0)


def _part(n, total, cache: bool = False) -> str:
    if cache or secret.est_primaire(n) or secret.est_primaire(total):
        return formats.SECRET
    if not total:
        return "–"
    return formats.pourcentage(round(100 * n / total, 1))


# The published figure of the report's year that a count of the extracts stands for, region only.
PUBLIE_DE = {"nb_jeunes": "jeunes_accompagnes", "nb_premiers_accueils": "premiers_accueils"}


def chiffres_extraits() -> None:
    code = "Normandie" if f.est_region else f.code
    t = _ligne(db.requete("chiffres_cles_territoire", annee=f.annee, territoire=code))
    r = _ligne(db.requete("chiffres_cles_territoire", annee=f.annee, territoire="Normandie"))
    # Each card says where its own table comes from: young people may be imported while the entries or the
    # situations of the year are still the demonstration's.
    prov = f.provenance_de("jeunes")
    prov_entrees = f.provenance_de("entrees_dispositif")
    prov_profil = f.sur_tables("jeunes", "situations").provenance
    if Provenance.DEMO in (prov, prov_entrees, prov_profil):
        ui.avertir_demo()

    def source_de(p: Provenance) -> str:
        return f"extraits {'de démonstration' if p is Provenance.DEMO else 'I-Milo'} {f.annee}, {f.libelle}"
    source = source_de(prov)
    st.markdown(f"**{f.libelle}**, année **{f.annee}** : chiffres calculés sur les extraits.")

    def evolution(colonne: str) -> tuple[str | None, int]:
        cache = _cache(code, colonne) or _cache(code, colonne, annee=f.annee - 1)
        if not filtres.evolution_comparable(f.annee):
            # A real year against a demonstration one would be a made-up change. The region's year of the report
            # has its published figure (the demonstration equals it): the change is taken against that.
            publie = PUBLIE_DE.get(colonne) if f.est_region and f.annee - 1 == config.ANNEE_RAPPORT else None
            if publie is None:
                return f"évolution non calculée : {f.annee - 1} n'existe qu'en données de démonstration", 0
            base = publies.indicateur(publie)
            delta, sens = _evolution(t[colonne], base.valeur, cache)
            return (f"{delta} (base : {base.texte}, chiffre publié)" if delta else None), sens
        return _evolution(t[colonne], t[f"{colonne}_annee_precedente"], cache)

    col1, col2, col3 = st.columns(3)
    with col1:
        delta, sens = evolution("nb_jeunes")
        part_region = _part(t["nb_jeunes"], r["nb_jeunes"], _cache(code, "nb_jeunes") or _cache("Normandie", "nb_jeunes"))
        ui.carte("Jeunes accompagnés", secret_territoires.texte(f.annee, code, "nb_jeunes", t["nb_jeunes"]), prov,
                 source, delta, sens,
                 complement=None if f.est_region else f"soit {part_region} des jeunes accompagnés en Normandie")
    with col2:
        delta, sens = evolution("nb_premiers_accueils")
        ui.carte("Jeunes en premier accueil",
                 secret_territoires.texte(f.annee, code, "nb_premiers_accueils", t["nb_premiers_accueils"]), prov,
                 source, delta, sens)
    with col3:
        entrees = (t["nb_entrees_gj"] or 0) + (t["nb_entrees_cej"] or 0)
        objectif = t["objectif_cej"]
        complement = None
        if objectif:
            # the achievement × the objective shown would give hidden entries back
            taux = (formats.SECRET if _cache(code, "nb_entrees") or secret.est_primaire(entrees)
                    else formats.pourcentage(round(100 * entrees / objectif)))
            complement = (f"pour un objectif de **{formats.nombre(objectif)}**, soit "
                          f"**{taux}** de réalisation")
        if filtres.table_presente("entrees_dispositif", f.annee):
            ui.carte("Entrées en Garantie Jeunes et CEJ",
                     secret_territoires.texte(f.annee, code, "nb_entrees", entrees),
                     prov_entrees, source_de(prov_entrees), complement=complement)
        else:  # a year imported without its entries: nothing to count, and no demonstration to stand in
            ui.carte("Entrées en Garantie Jeunes et CEJ", "non disponible", prov, source,
                     complement=f"aucune entrée en Garantie Jeunes ou en CEJ dans les extraits de {f.annee}")

    st.subheader(f"{f.libelle} comparé à la Normandie" if not f.est_region else "Profil des jeunes accompagnés")
    lignes = [
        ("Femmes", "nb_femmes"), ("Sans diplôme", "nb_sans_diplome"), ("Résidant en QPV", "nb_qpv"),
        ("Résidant en ZRR", "nb_zrr"), ("Reconnus travailleurs handicapés (RQTH)", "nb_rqth"),
        ("En logement précaire", "nb_logement_precaire"), ("Entrés en emploi", "nb_jeunes_emploi"),
        ("Entrés en formation", "nb_jeunes_formation"),
    ]
    colonnes = {"Part des jeunes accompagnés": [lib for lib, _ in lignes]}
    if not f.est_region:  # the region's column is named "Normandie": a territory column would collide with it
        colonnes[f.libelle] = [_part(t[c], t["nb_jeunes"], _cache(code, c, "nb_jeunes")) for _, c in lignes]
    colonnes["Normandie"] = [_part(r[c], r["nb_jeunes"], _cache("Normandie", c, "nb_jeunes")) for _, c in lignes]
    tableau = pd.DataFrame(colonnes)
    st.dataframe(tableau, hide_index=True, width="stretch")
    ui.badge(prov_profil)
    note = (f"parts calculées sur les jeunes accompagnés de l'année ; effectifs de moins de {secret.seuil_actif()} "
            "jeunes masqués (secret statistique)")
    st.caption(f"Source : {source_de(prov_profil)}. {note[0].upper()}{note[1:]}.")
    telechargements.boutons_tableau(tableau, titre=f"Profil des jeunes accompagnés — {f.libelle}, {f.annee}",
                            source=source_de(prov_profil), provenance=prov_profil,
                            perimetre=telechargements.perimetre_courant(f.annee, f.code), cle="chiffres_cles_profil", note=note)


if f.est_region and f.annee_du_rapport:
    chiffres_publies_2022()
    with st.expander("Les mêmes chiffres recalculés sur les extraits"):
        chiffres_extraits()
else:
    chiffres_extraits()
