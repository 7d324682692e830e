"""Import of extracts: every kind of bad input is refused with its line and column, and leaves the data
folder byte-identical; good inputs in their many forms (BOM, Windows-1252, decimal comma, XLSX,
synonyms) are accepted with the right values. Files are built in code from observatoire/ingest/exemples.py
(deterministic valid rows) with one cell spoiled; the data folder is a temporary copy."""
from __future__ import annotations

import hashlib
import io
import re
import zipfile
from pathlib import Path

import duckdb
import pytest

from observatoire import ingest
from observatoire.ingest import exemples as ex
from observatoire.ingest.rapport import PROBLEMES
from observatoire.ingest.validation import attendu_du_controle
from observatoire.publication import couche

CONSTRUIRE_TOUT = couche.construire_tout  # the real build, before any fixture replaces it

ENTETES_JEUNES = ex.ENTETES["jeunes"]


def empreinte(dossier: Path) -> dict[str, str]:
    """Checksum of every file under a folder."""
    return {p.relative_to(dossier).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(dossier.rglob("*")) if p.is_file()}


def lancer(capsys, *args) -> tuple[int, str]:
    code = ingest.main(["ingest", *map(str, args)])
    sortie = capsys.readouterr()
    return code, sortie.out + sortie.err


def refus(capsys, donnees: Path, *args) -> list[str]:
    """The lines an import of `args` says, once checked that it was refused and changed nothing."""
    avant = empreinte(donnees)
    code, texte = lancer(capsys, *args)
    assert code == ingest.REFUS, texte
    assert empreinte(donnees) == avant
    return texte.splitlines()


def lire_parquet(data: Path, table: str, annee: int):
    return duckdb.sql(f"SELECT * FROM read_parquet('{data / 'extraits' / table / f'annee={annee}.parquet'}')").df()


# ---------------------------------------------------------------------------------------------------
# Builders of files. Row i of `r` is line i + 2 of the file (header = line 1).


def csv_table(dossier: Path, table: str = "jeunes", n: int = 20, modifier=None, annee: int = 2023,
              nom: str | None = None, sep: str = ";", encodage: str = "utf-8-sig", entetes=None) -> Path:
    r = ex.lignes(table, n, annee)
    e = list(entetes or ex.ENTETES[table])
    if modifier:
        modifier(e, r)
    return ex.ecrire_csv(dossier / (nom or f"{table}.csv"), e, r, sep, encodage)


def cellule(i: int, j: int, valeur: str):
    def modifier(e, r):
        r[i][j] = valeur
    return modifier


def octets(dossier: Path, nom: str, contenu: bytes) -> Path:
    p = dossier / nom
    p.write_bytes(contenu)
    return p


def _entete_seule(d):
    return [csv_table(d, n=0)]


def _utf16(d):
    texte = "\t".join(ENTETES_JEUNES) + "\r\n" + "\r\n".join("\t".join(r) for r in ex.lignes("jeunes", 5))
    return [octets(d, "jeunes.txt", texte.encode("utf-16"))]


def _octet_invalide(d):
    p = csv_table(d)
    lignes = p.read_bytes().split(b"\r\n")
    lignes[3] = lignes[3].replace(b"Non", b"N\x81n", 1)   # 0x81: neither UTF-8 nor Windows-1252
    return [octets(d, "jeunes.csv", b"\r\n".join(lignes))]


def _windows_1252_abime(d):
    p = csv_table(d, encodage="cp1252")
    lignes = p.read_bytes().split(b"\r\n")
    lignes[6] = lignes[6].replace(b"Non", b"N\x81n", 1)   # 0x81 is undefined in Windows-1252
    return [octets(d, "jeunes.csv", b"\r\n".join(lignes))]


def _sans(colonne: str):
    def modifier(e, r):
        j = e.index(colonne)
        del e[j]
        for ligne in r:
            del ligne[j]
    return modifier


def _tronquee(d):
    p = csv_table(d)
    contenu = p.read_bytes().rstrip(b"\r\n")
    debut_derniere = contenu.rfind(b"\n") + 1
    return [octets(d, "jeunes.csv", contenu[:debut_derniere + 25])]   # cut inside line 21


def _annees(i_max: int, annee: str):
    def modifier(e, r):
        for ligne in r[:i_max]:
            ligne[1] = annee
    return modifier


def _xlsx_deux_feuilles(d):
    return [ex.ecrire_xlsx(d / "classeur.xlsx", {
        "Feuil1": (ENTETES_JEUNES, ex.lignes("jeunes", 5)),
        "Feuil2": (["Commentaire"], [["à vérifier"]]),
    })]


def _html(d):
    page = "<!DOCTYPE html>\n<html><head><title>Session expirée</title></head><body><table><tr><td>Identifiant" \
           "</td></tr></table></body></html>\n"
    return [octets(d, "jeunes.csv", page.encode())]


def _total(nombre: str):
    def modifier(e, r):
        r.append(["TOTAL", nombre] + [""] * (len(e) - 2))
    return modifier


def _en_trop(e, r):
    r[4].append("surplus")


def _guillemet(d):
    p = csv_table(d)
    lignes = p.read_bytes().decode("utf-8-sig").split("\r\n")
    lignes[4] = lignes[4].replace(";Non;", ';"Non;', 1)
    return [octets(d, "jeunes.csv", "\r\n".join(lignes).encode("utf-8"))]


def _ods(d):
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    return [octets(d, "jeunes.ods", tampon.getvalue())]


def _table_inconnue(d):
    return [ex.ecrire_csv(d / "contacts.csv", ["Nom", "Prénom", "Téléphone"], [["Martin", "Léa", "0231000000"]])]


def _titre_au_dessus(d):
    p = csv_table(d)
    return [octets(d, "jeunes.csv", "Extraction I-Milo du 02/01/2024\r\n".encode() + p.read_bytes()[3:])]


def _titre_au_dessus_xlsx(d):
    r = [["Extraction I-Milo du 02/01/2024"], [], ENTETES_JEUNES, *ex.lignes("jeunes", 3)]
    return [ex.ecrire_xlsx(d / "jeunes.xlsx", {"Feuil1": (r[0], r[1:])})]


def _double_colonne(e, r):
    e.append("Genre")
    for ligne in r:
        ligne.append(ligne[4])


def _deux_fichiers(d):
    return [csv_table(d, nom="a.csv"), csv_table(d, nom="b.csv")]


def _cej_janvier_2022(d):
    return [csv_table(d, "entrees_dispositif", annee=2022, modifier=cellule(0, 4, "15/01/2022"))]


def _colles(titres_repetes=None, n_exports: int = 2):
    """Exports pasted one under the other, each with its header (docs/IMPORT.md asks for one header only):
    10 rows each, so the second header is line 12, the third line 23."""
    def fabriquer(d):
        r = ex.lignes("jeunes", 10 * n_exports)
        rangees = [*r[:10]]
        for k in range(1, n_exports):
            rangees += [list(titres_repetes or ENTETES_JEUNES), *r[10 * k:10 * (k + 1)]]
        return [ex.ecrire_csv(d / "jeunes.csv", ENTETES_JEUNES, rangees)]
    return fabriquer


def _coupe_dans_un_accent(commentaire: bool = False):
    """A file cut by a copy in the middle of the « é » of its last line: in « Supérieur » (column H, the
    line then has 8 cells), or in an extra last column « Commentaire » (the line has all its cells)."""
    def fabriquer(d):
        r = ex.lignes("jeunes", 3)
        r[2][7] = "Supérieur"
        entetes = ENTETES_JEUNES + (["Commentaire"] if commentaire else [])
        if commentaire:
            for ligne in r:
                ligne.append("Déménagement prévu")
        contenu = ex.ecrire_csv(d / "complet.csv", entetes, r).read_bytes()
        coupure = contenu.rfind("é".encode()) + 1           # the first of the two bytes of « é »
        return [octets(d, "jeunes.csv", contenu[:coupure])]
    return fabriquer


def _classeur_masque(d):
    import openpyxl

    classeur = openpyxl.Workbook()
    donnees = classeur.active
    donnees.title = "Feuil1"
    for r in [ENTETES_JEUNES, *ex.lignes("jeunes", 5)]:
        donnees.append(r)
    donnees.sheet_state = "hidden"
    classeur.create_sheet("Feuil2")
    classeur.active = 1
    classeur.save(d / "jeunes.xlsx")
    return [d / "jeunes.xlsx"]


# name -> (files and options, expected problem key, texts the message must hold: line, column, value)
REFUS = {
    "fichier introuvable": (lambda d: [d / "n_existe_pas.csv"], "introuvable", ["n_existe_pas.csv"]),
    "fichier vide": (lambda d: [octets(d, "jeunes.csv", b"")], "fichier_vide", ["jeunes.csv", "0 octet"]),
    "en-tête seul": (_entete_seule, "entete_seule", ["ligne 1"]),
    "UTF-16 (Texte Unicode d'Excel)": (_utf16, "encodage", ["UTF-16"]),
    "UTF-8 abîmé par un octet": (_octet_invalide, "encodage", ["ligne 4", "0x81", "est en UTF-8"]),
    "octet ni UTF-8 ni Windows-1252": (_windows_1252_abime, "encodage", ["ligne 7", "0x81"]),
    "séparateur tabulation": (lambda d: [csv_table(d, sep="\t")], "separateur", ["ligne 1", "tabulation"]),
    "colonne manquante": (lambda d: [csv_table(d, modifier=_sans("Sexe"))], "colonne_manquante",
                          ["ligne 1", "colonne « sexe »", "« Genre »"]),
    "mauvais type": (lambda d: [csv_table(d, modifier=cellule(1, 5, "dix-sept"))], "type",
                     ["ligne 3", "colonne « Âge » (F)", "« dix-sept »", "nombre entier"]),
    "effectif négatif": (lambda d: [csv_table(d, "objectifs_cej", modifier=cellule(2, 2, "-5"))], "negatif",
                         ["ligne 4", "colonne « Objectif » (C)", "« -5 »"]),
    "âge impossible": (lambda d: [csv_table(d, modifier=cellule(0, 5, "31"))], "plage",
                       ["ligne 2", "colonne « Âge » (F)", "« 31 »", "de 16 à 29"]),
    "Mission Locale inconnue": (lambda d: [csv_table(d, modifier=cellule(4, 2, "14-XXX"))], "ml_inconnue",
                                ["ligne 6", "colonne « Code ML » (C)", "« 14-XXX »"]),
    "commune inconnue (code postal)": (lambda d: [csv_table(d, modifier=cellule(6, 3, "14000"))], "commune_inconnue",
                                       ["ligne 8", "colonne « Commune de résidence » (D)", "« 14000 »", "code postal"]),
    "commune ambiguë": (lambda d: [csv_table(d, modifier=cellule(6, 3, "Cuverville"))], "commune_ambigue",
                        ["ligne 8", "colonne « Commune de résidence » (D)", "3 communes"]),
    "ligne en double": (lambda d: [csv_table(d, modifier=lambda e, r: r[9].__setitem__(0, r[3][0]))], "doublon",
                        ["ligne 11", "colonne « Identifiant jeune » (A)", "ligne 5"]),
    "année différente de --annee": (lambda d: [csv_table(d), "--annee", "2024"], "annee_differente",
                                    ["ligne 2", "colonne « Année » (B)", "« 2023 »", "2024"]),
    "dernière ligne tronquée": (_tronquee, "ligne_tronquee", ["ligne 21"]),
    "années mélangées": (lambda d: [csv_table(d, modifier=_annees(5, "2022"))], "annees_melangees",
                         ["ligne 2", "colonne « Année » (B)", "2023 : 15 lignes, 2022 : 5 lignes"]),
    "formule dans un code": (lambda d: [csv_table(d, modifier=cellule(2, 2, '=HYPERLINK("http://x.fr";"14-CAE")'))],
                             "formule", ["ligne 4", "colonne « Code ML » (C)", "=HYPERLINK"]),
    "formule dans l'identifiant": (lambda d: [csv_table(d, modifier=cellule(3, 0, "@SUM(1+1)*cmd"))], "formule",
                                   ["ligne 5", "colonne « Identifiant jeune » (A)"]),
    "cellule de 1 Mo": (lambda d: [csv_table(d, modifier=cellule(5, 11, "x" * 1_000_000))], "cellule_trop_longue",
                        ["ligne 7", "colonne « Logement » (L)", "1\u202f000\u202f000 caractères"]),
    "image PNG": (lambda d: [octets(d, "jeunes.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)], "binaire",
                  ["PNG"]),
    "XLSX à plusieurs feuilles": (_xlsx_deux_feuilles, "feuilles", ["« Feuil1 »", "« Feuil2 »"]),
    "date hors de l'année": (lambda d: [csv_table(d, "entrees_dispositif", modifier=cellule(1, 4, "15/03/2022"))],
                             "date_hors_annee", ["ligne 3", "colonne « Date d'entrée » (E)", "« 15/03/2022 »"]),
    "booléen illisible": (lambda d: [csv_table(d, modifier=cellule(2, 8, "Peut-être"))], "booleen",
                          ["ligne 4", "colonne « QPV » (I)", "« Peut-être »"]),
    "cellule obligatoire vide": (lambda d: [csv_table(d, modifier=cellule(7, 4, ""))], "cellule_vide",
                                 ["ligne 9", "colonne « Sexe » (E)"]),
    "page HTML nommée .csv": (_html, "html", ["page web"]),
    "date qui n'existe pas": (lambda d: [csv_table(d, "entrees_dispositif", modifier=cellule(0, 4, "31/02/2023"))],
                              "date", ["ligne 2", "colonne « Date d'entrée » (E)", "« 31/02/2023 »"]),
    "tranche d'âge contraire à l'âge": (
        lambda d: [csv_table(d, modifier=lambda e, r: (r[0].__setitem__(5, "19"), r[0].__setitem__(6, "24+")))],
        "incoherence", ["ligne 2", "colonne « Tranche d'âge » (G)", "« 24+ »", "âge 19 ans", "« 18-20 »"]),
    "sous-type contraire au type": (
        lambda d: [csv_table(d, "situations", modifier=lambda e, r: (r[0].__setitem__(3, "Emploi"),
                                                                    r[0].__setitem__(4, "Région")))],
        "incoherence", ["ligne 2", "colonne « Sous-type » (E)", "« Région »", "CDI"]),
    "CEJ avant le 1er mars 2022": (_cej_janvier_2022, "incoherence",
                                   ["ligne 2", "colonne « Dispositif » (D)", "15/01/2022"]),
    "total annoncé faux": (lambda d: [csv_table(d, modifier=_total("999"))], "total_incorrect",
                           ["ligne 22", "« 999 »", "20"]),
    "cellule en trop": (lambda d: [csv_table(d, modifier=_en_trop)], "nombre_de_cellules",
                        ["ligne 6", "« surplus »"]),
    "guillemet non fermé": (_guillemet, "guillemets", ["ligne 5", "au milieu d'une cellule"]),
    "classeur .xls": (lambda d: [octets(d, "jeunes.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))],
                      "format_tableur", [".xls"]),
    "classeur .ods": (_ods, "format_tableur", [".ods"]),
    "titre au-dessus des en-têtes (CSV)": (_titre_au_dessus, "entete_absente",
                                           ["ligne 1", "« Extraction I-Milo du 02/01/2024 »"]),
    "titre au-dessus des en-têtes (XLSX)": (_titre_au_dessus_xlsx, "entete_absente",
                                            ["ligne 1", "« Extraction I-Milo du 02/01/2024 »"]),
    "table non reconnue": (_table_inconnue, "table_inconnue", ["ligne 1", "Nom ; Prénom ; Téléphone"]),
    "colonne en double": (lambda d: [csv_table(d, modifier=_double_colonne)], "colonne_en_double",
                          ["ligne 1", "« Genre » (O)", "« Sexe » (E)"]),
    "valeur non autorisée": (lambda d: [csv_table(d, modifier=cellule(3, 4, "X"))], "valeur",
                             ["ligne 5", "colonne « Sexe » (E)", "« X »", "« F », « H »"]),
    "identifiant avec espace": (lambda d: [csv_table(d, modifier=cellule(3, 0, "J 12"))], "identifiant",
                                ["ligne 5", "colonne « Identifiant jeune » (A)", "« J 12 »"]),
    "deux fichiers pour la même année": (_deux_fichiers, "fichiers_en_double", ["b.csv", "a.csv"]),
    "ligne des titres répétée (fichiers collés)": (_colles(), "entete_repetee", [
        "jeunes.csv, ligne 12 : la ligne des titres est répétée (fichiers collés ?) — supprimez-la"]),
    "ligne des titres répétée, autrement écrite": (
        _colles(["IDENTIFIANT_JEUNE", "ANNEE", "code ml", "Code INSEE", "SEXE", "Age", "Tranche age", "Niveau",
                 "qpv", "zrr", "rqth", "logement", "1er accueil", "PPSMJ"]),
        "entete_repetee", ["jeunes.csv, ligne 12 : la ligne des titres est répétée (fichiers collés ?)"]),
    "fichiers CSV mis bout à bout (BOM au milieu)": (_colles(["\ufeff" + ENTETES_JEUNES[0], *ENTETES_JEUNES[1:]]),
                                                     "entete_repetee", ["jeunes.csv, ligne 12 : la ligne des titres"]),
    "ligne des titres répétée dans un autre ordre": (
        _colles(ENTETES_JEUNES[:4] + [ENTETES_JEUNES[5], ENTETES_JEUNES[4]] + ENTETES_JEUNES[6:]),
        "entete_repetee", ["jeunes.csv, ligne 12 : la ligne des titres est répétée, avec les colonnes dans un autre "
                           "ordre (fichiers collés ?) — supprimez-la"]),
    "fichier coupé au milieu d'un caractère accentué": (_coupe_dans_un_accent(), "ligne_tronquee", [
        "jeunes.csv, ligne 4, colonne « Niveau de qualification » (H) : « Sup » (le fichier s'arrête au milieu "
        "d'un caractère accentué ; 8 cellules seulement) ; attendu : 14 cellules entières, comme la ligne des titres"]),
    "fichier coupé au milieu d'un accent de sa dernière cellule": (_coupe_dans_un_accent(True), "ligne_tronquee", [
        "jeunes.csv, ligne 4, colonne « Commentaire » (O) : « Déménagement pr » (le fichier s'arrête au milieu "
        "d'un caractère "
        "accentué) ; attendu : 15 cellules entières, comme la ligne des titres"]),
    "dossier au lieu d'un fichier": (lambda d: [d], "dossier", ["est un dossier, pas un fichier"]),
    "données seulement sur une feuille masquée": (_classeur_masque, "feuille_masquee", [
        "jeunes.xlsx : les seules feuilles remplies sont masquées : « Feuil1 » (masquée)"]),
}

# Names of the libraries the import is built with: never shown to the people who import.
BIBLIOTHEQUES = ("pandera", "duckdb", "openpyxl", "pandas", "pyarrow", "streamlit", "python", "error", "exception")


@pytest.mark.parametrize("cas", list(REFUS), ids=list(REFUS))
def test_refus_nomme_la_ligne_et_la_colonne_et_ne_change_rien(cas, donnees, tmp_path, capsys):
    fabriquer, probleme, attendus = REFUS[cas]
    args = fabriquer(tmp_path)
    avant = empreinte(donnees)
    code, texte = lancer(capsys, *args)
    assert code == ingest.REFUS, texte
    assert PROBLEMES[probleme][0] in texte, texte
    for morceau in attendus:
        assert morceau in texte, f"{morceau!r} absent de :\n{texte}"
    assert "Aucune donnée n'a été modifiée" in texte
    assert empreinte(donnees) == avant
    # Never a bare "fichier, ligne N" under the sentence that already says what is wrong with that line.
    assert not re.search(r"^ {6}[^:]*, ligne \d+$", texte, re.MULTILINE), texte
    assert not any(nom in texte.lower() for nom in BIBLIOTHEQUES), texte


def test_au_moins_25_sortes_de_mauvaises_entrees():
    assert len(REFUS) >= 25
    assert len({probleme for _, probleme, _ in REFUS.values()}) >= 25


def test_beaucoup_d_erreurs_comptees_avec_dix_exemples(donnees, tmp_path, capsys):
    def modifier(e, r):
        for ligne in r[:150]:
            ligne[4] = "Inconnu"
    code, texte = lancer(capsys, csv_table(tmp_path, n=200, modifier=modifier))
    assert code == ingest.REFUS
    assert "Valeur non autorisée : 150 lignes" in texte
    assert texte.count("colonne « Sexe » (E) : « Inconnu »") == 10
    assert "… et 140 autres" in texte


def test_tout_ou_rien_sur_plusieurs_fichiers(donnees, tmp_path, capsys):
    bon = csv_table(tmp_path, nom="bon.csv")
    mauvais = csv_table(tmp_path, "objectifs_cej", modifier=cellule(0, 2, "-1"))
    avant = empreinte(donnees)
    code, texte = lancer(capsys, bon, mauvais)
    assert code == ingest.REFUS
    assert "ACCEPTÉ" not in texte and "objectifs_cej.csv, ligne 2" in texte
    assert empreinte(donnees) == avant


# ---------------------------------------------------------------------------------------------------
# Accepted forms


def test_csv_excel_avec_bom_accepte(donnees, tmp_path, capsys):
    code, texte = lancer(capsys, csv_table(tmp_path))
    assert code == ingest.OK, texte
    assert "CSV UTF-8 avec BOM, séparateur « ; »" in texte
    df = lire_parquet(donnees, "jeunes", 2023)
    attendu = ex.lignes("jeunes", 20)
    assert len(df) == 20
    assert list(df["id_jeune"]) == [r[0] for r in attendu]
    assert list(df["sexe"]) == [{"Femme": "F", "Homme": "H"}[r[4]] for r in attendu]
    assert list(df["qpv"]) == [r[8] == "Oui" for r in attendu]
    assert set(df["provenance"]) == {"extraits"}
    assert list(df.columns) == ["id_jeune", "annee", "code_ml", "commune", "sexe", "age", "tranche_age", "niveau",
                                "qpv", "zrr", "rqth", "logement", "premier_accueil", "sous_main_justice", "provenance"]


def test_windows_1252_et_virgule_acceptes(donnees, tmp_path, capsys):
    def modifier(e, r):
        r[0][11] = "Précaire"
        r[1][7] = "Supérieur"
    p = csv_table(tmp_path, modifier=modifier, sep=",", encodage="cp1252")
    assert "Précaire".encode("cp1252") in p.read_bytes()
    code, texte = lancer(capsys, p)
    assert code == ingest.OK, texte
    assert "CSV Windows-1252, séparateur « , »" in texte and "pas en UTF-8" in texte
    df = lire_parquet(donnees, "jeunes", 2023)
    assert df.loc[0, "logement"] == "precaire" and df.loc[1, "niveau"] == "superieur"


def test_virgule_decimale_et_espaces_de_milliers(donnees, tmp_path, capsys):
    def modifier(e, r):
        r[0][2] = "1 234"      # narrow no-break space, as a French Excel writes thousands
        r[1][2] = "850,0"
    code, texte = lancer(capsys, csv_table(tmp_path, "objectifs_cej", modifier=modifier))
    assert code == ingest.OK, texte
    df = lire_parquet(donnees, "objectifs_cej", 2023)
    assert list(df["objectif"][:2]) == [1234, 850]
    def age(e, r):
        r[0][5], r[0][6] = "17,0", ""    # empty age band: derived from the age
    code, texte = lancer(capsys, csv_table(tmp_path, modifier=age, nom="j.csv"))
    assert code == ingest.OK, texte
    assert tuple(lire_parquet(donnees, "jeunes", 2023).loc[0, ["age", "tranche_age"]]) == (17, "16-17")


def test_xlsx_accepte_avec_dates_nombres_et_booleens(donnees, tmp_path, capsys):
    import datetime as dt

    r = ex.lignes("entrees_dispositif", 6)
    r = [[x[0], int(x[1]), x[2], x[3], dt.datetime.strptime(x[4], "%d/%m/%Y")] for x in r]
    p = ex.ecrire_xlsx(tmp_path / "entrees.xlsx", {"Feuil1": (ex.ENTETES["entrees_dispositif"], r)})
    code, texte = lancer(capsys, p)
    assert code == ingest.OK, texte
    assert "XLSX" in texte
    df = lire_parquet(donnees, "entrees_dispositif", 2023)
    assert [d.date() if hasattr(d, "date") else d for d in df["date_entree"]] == [x[4].date() for x in r]


def test_xlsx_feuilles_nommees_comme_les_tables(donnees, tmp_path, capsys):
    p = ex.ecrire_xlsx(tmp_path / "extraits.xlsx", {
        "Notes": (["Remarque"], [["export du 2 janvier"]]),
        "Jeunes": (ENTETES_JEUNES, ex.lignes("jeunes", 8)),
        "Objectifs CEJ": (ex.ENTETES["objectifs_cej"], ex.lignes("objectifs_cej", 24)),
    })
    code, texte = lancer(capsys, p)
    assert code == ingest.OK, texte
    assert "feuilles ignorées : « Notes »" in texte
    assert len(lire_parquet(donnees, "jeunes", 2023)) == 8
    assert len(lire_parquet(donnees, "objectifs_cej", 2023)) == 24


def test_xlsx_formule_lue_comme_texte_jamais_calculee(donnees, tmp_path, capsys):
    r = ex.lignes("jeunes", 3)
    r[1][2] = '=HYPERLINK("http://exemple.invalid","14-CAE")'
    p = ex.ecrire_xlsx(tmp_path / "j.xlsx", {"jeunes": (ENTETES_JEUNES, r)})
    code, texte = lancer(capsys, p)
    assert code == ingest.REFUS
    assert "ligne 3, colonne « Code ML » (C) : « =HYPERLINK(" in texte


def test_colonne_inconnue_ignoree_avec_avertissement(donnees, tmp_path, capsys):
    def modifier(e, r):
        e.insert(1, "Nom")
        for i, ligne in enumerate(r):
            ligne.insert(1, "=cmd|' /C calc'!A0" if i == 0 else "Martin")
    code, texte = lancer(capsys, csv_table(tmp_path, modifier=modifier))
    assert code == ingest.OK, texte
    assert "colonnes ignorées (non reconnues, jamais copiées) : « Nom » (B)" in texte
    assert "Nom" not in lire_parquet(donnees, "jeunes", 2023).columns


def test_synonymes_d_entetes_et_de_valeurs(donnees, tmp_path, capsys):
    entetes = ["ID", "ANNEE", "structure", "code_insee", "genre", "age_au_31_12", "Niveau", "qpv", "Résident ZRR",
               "RQTH", "Hébergement", "1er accueil", "PPSMJ"]

    def modifier(e, r):
        for ligne in r:
            del ligne[6]          # no "Tranche d'âge": derived from the age
        r[0][2] = "mission locale caen la mer calvados centre"   # a name, any case
        r[0][4], r[0][6], r[0][7], r[0][10] = "M", "Niveau IV", "O", "Sans domicile fixe"
    code, texte = lancer(capsys, csv_table(tmp_path, modifier=modifier, entetes=entetes))
    assert code == ingest.OK, texte
    assert "colonne « tranche_age » absente : déduite de « age »" in texte
    df = lire_parquet(donnees, "jeunes", 2023)
    ligne = df.iloc[0]
    assert (ligne["code_ml"], ligne["sexe"], ligne["niveau"], ligne["qpv"], ligne["logement"]) == \
        ("14-CAE", "H", "bac", True, "precaire")
    assert all(df["tranche_age"] == [ex.modele.tranche_de_age(a) for a in df["age"]])


def test_total_juste_accepte_et_non_compte(donnees, tmp_path, capsys):
    code, texte = lancer(capsys, csv_table(tmp_path, modifier=_total("20")))
    assert code == ingest.OK, texte
    assert len(lire_parquet(donnees, "jeunes", 2023)) == 20


def test_annee_donnee_par_option(donnees, tmp_path, capsys):
    code, texte = lancer(capsys, csv_table(tmp_path, "objectifs_cej", modifier=_sans("Année")), "--annee", "2024")
    assert code == ingest.OK, texte
    assert set(lire_parquet(donnees, "objectifs_cej", 2024)["annee"]) == {2024}
    code, texte = lancer(capsys, csv_table(tmp_path, "objectifs_cej", modifier=_sans("Année"), nom="o.csv"))
    assert code == ingest.REFUS and "--annee" in texte


def test_indication_sep_d_excel_et_lignes_vides_de_fin(donnees, tmp_path, capsys):
    p = csv_table(tmp_path, modifier=cellule(2, 4, "Z"))
    contenu = b"sep=;\r\n" + p.read_bytes().removeprefix(b"\xef\xbb\xbf") + b";;;;\r\n\r\n"
    code, texte = lancer(capsys, octets(tmp_path, "sep.csv", contenu))
    # Excel hides the sep= line: the header is its line 1, and the third data row its line 4.
    assert code == ingest.REFUS and "sep.csv, ligne 4, colonne « Sexe » (E) : « Z »" in texte


def test_table_forcee_par_option(donnees, tmp_path, capsys):
    p = csv_table(tmp_path)
    code, texte = lancer(capsys, p, "--table", "objectifs_cej")
    assert code == ingest.REFUS and "colonne « objectif »" in texte


def test_xlsx_cellules_vides_en_fin_de_ligne(donnees, tmp_path, capsys):
    r = ex.lignes("jeunes", 4)
    r[2][11:] = [None, None, None]    # logement, premier accueil, sous main de justice: absent from the sheet's XML
    code, texte = lancer(capsys, ex.ecrire_xlsx(tmp_path / "j.xlsx", {"Feuil1": (ENTETES_JEUNES, r)}))
    assert code == ingest.REFUS
    assert "j.xlsx [feuille « Feuil1 »], ligne 4, colonne « Premier accueil » (M)" in texte
    assert "Nombre de cellules" not in texte
    r[2][12] = "Non"
    r[2][13] = None
    code, texte = lancer(capsys, ex.ecrire_xlsx(tmp_path / "j.xlsx", {"Feuil1": (ENTETES_JEUNES, r[:3])}))
    assert code == ingest.OK, texte
    df = lire_parquet(donnees, "jeunes", 2023)
    assert df.loc[2, "logement"] is None or df["logement"].isna()[2]


def test_problemes_de_lignes_connus():
    from observatoire.ingest.rapport import PROBLEMES_DE_LIGNES

    assert PROBLEMES_DE_LIGNES <= set(PROBLEMES)


@pytest.mark.parametrize("args, attendu", [
    ([], "il manque : FICHIER"),
    (["x.csv", "--table", "eleves"], "choix 'eleves' inconnu"),
    (["x.csv", "--annee", "deux"], "'deux' n'est pas un nombre entier"),
    (["x.csv", "--force"], "option ou argument inconnu : --force"),
])
def test_commande_incorrecte_expliquee_en_francais(args, attendu, donnees, capsys):
    avant = empreinte(donnees)
    code, texte = lancer(capsys, *args)
    assert code == ingest.USAGE
    assert "Commande incorrecte" in texte and attendu in texte and "Usage : python -m observatoire ingest" in texte
    assert empreinte(donnees) == avant


# ---------------------------------------------------------------------------------------------------
# Messages of the audit of issue 78, asserted whole: what a person importing reads, line for line.


def test_fichiers_colles_une_ligne_par_titre_repete_et_rien_d_autre(donnees, tmp_path, capsys):
    (fichier,) = _colles(n_exports=4)(tmp_path)
    assert refus(capsys, donnees, fichier) == [
        "REFUSÉ : jeunes.csv (CSV UTF-8 avec BOM, séparateur « ; », table jeunes)",
        "  • Ligne des titres répétée : 3 lignes",
        "      jeunes.csv, ligne 12 : la ligne des titres est répétée (fichiers collés ?) — supprimez-la",
        "      jeunes.csv, ligne 23 : la ligne des titres est répétée (fichiers collés ?) — supprimez-la",
        "      jeunes.csv, ligne 34 : la ligne des titres est répétée (fichiers collés ?) — supprimez-la",
        "Rien n'a été importé : 1 fichier refusé. Aucune donnée n'a été modifiée.",
    ]


def test_fichier_coupe_dans_un_accent_dit_tronque_et_non_mal_encode(donnees, tmp_path, capsys):
    (fichier,) = _coupe_dans_un_accent()(tmp_path)
    assert refus(capsys, donnees, fichier) == [
        "REFUSÉ : jeunes.csv (CSV UTF-8 avec BOM, séparateur « ; », table jeunes)",
        "  • Dernière ligne tronquée",
        "      jeunes.csv, ligne 4, colonne « Niveau de qualification » (H) : « Sup » (le fichier s'arrête au milieu "
        "d'un caractère accentué ; 8 cellules seulement) ; attendu : 14 cellules entières, comme la ligne des titres",
        "Rien n'a été importé : 1 fichier refusé. Aucune donnée n'a été modifiée.",
    ]


def test_octet_invalide_dit_en_une_ligne(donnees, tmp_path, capsys):
    (fichier,) = _octet_invalide(tmp_path)
    assert refus(capsys, donnees, fichier) == [
        "REFUSÉ : jeunes.csv",
        "  • Encodage non reconnu",
        "      jeunes.csv, ligne 4 : le fichier est en UTF-8, mais l'octet 0x81 de cette ligne n'en est pas (fichier "
        "abîmé, ou assemblé à partir de fichiers d'encodages différents) ; enregistrez-le de nouveau en « CSV UTF-8 »",
        "Rien n'a été importé : 1 fichier refusé. Aucune donnée n'a été modifiée.",
    ]


def test_dossier_au_lieu_d_un_fichier(donnees, tmp_path, capsys):
    dossier = tmp_path / "exports 2023"
    dossier.mkdir()
    avant = empreinte(donnees)
    code, texte = lancer(capsys, dossier)
    assert code == ingest.REFUS
    assert texte.splitlines()[1:3] == [
        "  • Dossier au lieu d'un fichier",
        f"      exports 2023 : « {dossier} » est un dossier, pas un fichier : donnez les fichiers qu'il contient "
        f"(par exemple {dossier / '*.csv'})",
    ]
    assert "binaire" not in texte
    assert empreinte(donnees) == avant


def test_cellule_remplie_jamais_dite_vide(donnees, tmp_path, capsys):
    def modifier(e, r):
        r[0][5], r[0][6] = "vingt", "vingt ans"     # both filled, both wrong: said wrong, not empty
        r[1][5], r[1][6] = "", ""                   # both empty: the band cannot be derived
        r[2][5], r[2][6] = "dix-neuf", ""           # the age is wrong: said so, once
    code, texte = lancer(capsys, csv_table(tmp_path, modifier=modifier))
    assert code == ingest.REFUS
    vides = texte.split("  • Cellule obligatoire vide : 1 ligne\n")[1].splitlines()[0]
    assert vides == ("      jeunes.csv, ligne 3, colonne « Tranche d'âge » (G) : (vide) ; attendu : une valeur dans "
                     "« tranche_age » ou dans « age », dont elle se déduit")
    assert texte.count("Cellule obligatoire vide") == 1
    assert "ligne 2, colonne « Âge » (F) : « vingt »" in texte
    assert "ligne 4, colonne « Âge » (F) : « dix-neuf »" in texte
    assert "ligne 2, colonne « Tranche d'âge » (G) : « vingt ans »" in texte


def test_controle_final_du_modele_dit_en_francais(donnees, tmp_path, capsys, monkeypatch):
    """The last check (the model's schema) should never fail after the others; if it does, its words are
    French and name no library. Forced here with a schema stricter than the checks before it."""
    import pandera.pandas as pa

    from observatoire import modele
    from observatoire.ingest import validation as ingest_validation

    vrai_schema = modele.schema

    def schema_strict(table):
        s = vrai_schema(table)
        return s.update_column("age", checks=[pa.Check.in_range(16, 20)]) if table == "jeunes" else s

    monkeypatch.setattr(ingest_validation.modele, "schema", schema_strict)
    avant = empreinte(donnees)
    code, texte = lancer(capsys, csv_table(tmp_path, modifier=cellule(0, 5, "24")))
    assert code == ingest.REFUS
    assert "  • Contrôle du modèle : " in texte
    assert "jeunes.csv, ligne 2, colonne « Âge » (F) : « 24 » ; attendu : une valeur de 16 à 20" in texte
    assert not any(nom in texte.lower() for nom in BIBLIOTHEQUES) and "in_range" not in texte
    assert empreinte(donnees) == avant


@pytest.mark.parametrize("controle, attendu", [
    ("in_range(16, 29)", "une valeur de 16 à 29"),
    ("not_nullable", "une valeur (cellule obligatoire)"),
    ("isin(['F', 'H'])", "une des valeurs du modèle (voir docs/IMPORT.md)"),
    ("str_matches('^\\S{4,64}$')", "une valeur de la forme prévue par le modèle"),
    ("multiple_fields_uniqueness", "une seule ligne par clé (pas de ligne en double)"),
    ("dtype('Int32')", "une valeur du type prévu par le modèle"),
    ("la tranche d'âge doit correspondre à l'âge", "la tranche d'âge doit correspondre à l'âge"),
    ("some_new_check(3)", "une valeur conforme au modèle de données (voir docs/IMPORT.md)"),
])
def test_controles_du_modele_traduits(controle, attendu):
    assert attendu_du_controle(controle) == attendu


def test_aucune_explication_ne_nomme_une_bibliotheque():
    for titre, explication in PROBLEMES.values():
        assert not any(nom in (titre + explication).lower() for nom in BIBLIOTHEQUES), titre


def test_xlsx_feuilles_masquees_jamais_lues(donnees, tmp_path, capsys):
    import openpyxl

    classeur = openpyxl.Workbook()
    visible = classeur.active
    visible.title = "Feuil1"
    for r in [ENTETES_JEUNES, *ex.lignes("jeunes", 6)]:
        visible.append(r)
    ancienne = classeur.create_sheet("Feuil2")
    ancienne.append(["ancien"])
    ancienne.append(["x"])
    ancienne.sheet_state = "hidden"
    objectifs = classeur.create_sheet("Objectifs")     # named as a table, but very hidden: not read either
    for r in [ex.ENTETES["objectifs_cej"], *ex.lignes("objectifs_cej", 24)]:
        objectifs.append(r)
    objectifs.sheet_state = "veryHidden"
    classeur.save(tmp_path / "jeunes.xlsx")
    code, texte = lancer(capsys, tmp_path / "jeunes.xlsx")
    assert code == ingest.OK, texte
    assert "ACCEPTÉ : jeunes.xlsx [feuille « Feuil1 »] (XLSX) : table jeunes, année 2023, 6 lignes" in texte
    assert "  attention : feuilles masquées, jamais lues : « Feuil2 », « Objectifs »" in texte
    assert len(lire_parquet(donnees, "jeunes", 2023)) == 6
    assert not (donnees / "extraits" / "objectifs_cej").exists()


def test_xlsx_feuilles_visibles_et_masquees_nommees_dans_le_refus(donnees, tmp_path, capsys):
    import openpyxl

    classeur = openpyxl.Workbook()
    for nom, etat in (("Calvados", "visible"), ("Manche", "visible"), ("Orne", "hidden")):
        ws = classeur.create_sheet(nom)
        for r in [ENTETES_JEUNES, *ex.lignes("jeunes", 3)]:
            ws.append(r)
        ws.sheet_state = etat
    classeur.remove(classeur["Sheet"])
    classeur.save(tmp_path / "departements.xlsx")
    avant = empreinte(donnees)
    code, texte = lancer(capsys, tmp_path / "departements.xlsx")
    assert code == ingest.REFUS
    assert ("departements.xlsx : 2 feuilles visibles non vides (« Calvados », « Manche ») et aucune ne porte le nom "
            "d'une table (jeunes, entrees_dispositif, situations, objectifs_cej) ; non lues : « Orne » (masquée)"
            ) in texte
    assert empreinte(donnees) == avant


@pytest.mark.parametrize("feuille", ["jeunes_2023", "Jeunes 2023", "2023 - Jeunes accompagnés"])
def test_xlsx_feuille_nommee_avec_son_annee(feuille, donnees, tmp_path, capsys):
    p = ex.ecrire_xlsx(tmp_path / "extrait.xlsx", {
        feuille: (ENTETES_JEUNES, ex.lignes("jeunes", 7)),
        "Feuil2": (["x"], [["y"]]),
    })
    code, texte = lancer(capsys, p)
    assert code == ingest.OK, texte
    assert f"ACCEPTÉ : extrait.xlsx [feuille « {feuille} »] (XLSX) : table jeunes, année 2023, 7 lignes" in texte
    assert "feuilles ignorées : « Feuil2 »" in texte
    assert len(lire_parquet(donnees, "jeunes", 2023)) == 7


def test_environnement_incomplet_dit_quoi_faire(monkeypatch, capsys):
    import sys

    import observatoire
    from observatoire import __main__ as principal

    monkeypatch.delattr(observatoire, "ingest")
    monkeypatch.setitem(sys.modules, "observatoire.ingest", None)    # as if a package it needs were missing
    assert principal.main(["ingest", "x.csv"]) == 2
    assert "l'environnement .venv est incomplet" in capsys.readouterr().err


def test_tranches_d_age_en_sql_comme_le_modele():
    """The ingest's SQL bands are generated from the model's one definition (modele.BORNES_TRANCHES_AGE)."""
    from observatoire.ingest.controles import macro_tranche_age  # noqa: PLC0415

    con = duckdb.connect()
    con.execute(macro_tranche_age())
    ages = list(range(ex.modele.AGE_MIN, ex.modele.AGE_MAX + 1))
    lues = con.execute("SELECT tranche_age_de(a) FROM unnest($ages) AS t(a)", {"ages": [*ages, None]}).fetchall()
    assert [r[0] for r in lues] == [*(ex.modele.tranche_de_age(a) for a in ages), None]


def test_l_import_prepare_la_couche_de_publication(donnees, tmp_path, capsys, monkeypatch):
    """The first visitor after an import does not wait for the layer (about 10 s at national scale): the import
    builds it for every year, at the configured threshold, and says nothing about it when all goes well."""
    from observatoire import config, derive, secret  # noqa: PLC0415
    from observatoire.publication import couche  # noqa: PLC0415

    monkeypatch.setattr(couche, "construire_tout", CONSTRUIRE_TOUT)  # the `donnees` fixture skips it elsewhere
    code, texte = lancer(capsys, csv_table(tmp_path))
    assert code == ingest.OK, texte
    assert "n'ont pas pu être préparées" not in texte
    dossier = derive.dossier(config.BUILD_DIR) / "publication"
    for annee in (2021, 2022, 2023):
        prets = sorted(dossier.glob(f"annee={annee}-seuil={secret.seuil_actif()}-*.parquet"))
        assert couche.fichier(annee) in prets, (annee, prets)  # already there: not built by this lookup
