"""What went wrong with a file, said in French for the people who export the data.

Every kind of problem has a key, a title and an explanation (PROBLEMES); docs/IMPORT.md lists them all
(checked by tests). A problem names the file, the line as Excel shows it (header = line 1), the column
as the file titles it (and its letter), the value and what was expected; when many rows fail, the
report gives the count and the first examples.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from observatoire import formats

NB_EXEMPLES = 10
LONGUEUR_AFFICHEE = 60

# key -> (title, what it means and what to do). Titles are shown in reports, both in docs/IMPORT.md.
PROBLEMES: dict[str, tuple[str, str]] = {
    "introuvable": ("Fichier introuvable", "Le chemin donné ne mène à aucun fichier : vérifiez le nom et le dossier "
                    "(entre guillemets si le nom contient des espaces)."),
    "fichier_vide": ("Fichier vide", "Le fichier ne contient rien (0 octet ou seulement des lignes vides) : "
                     "l'export a probablement échoué. Refaites-le."),
    "entete_seule": ("Aucune ligne de données", "Le fichier n'a que la ligne des titres : l'export a été lancé "
                     "sans résultat (filtre trop strict, mauvaise période ?)."),
    "dossier": ("Dossier au lieu d'un fichier", "Le chemin donné est celui d'un dossier : donnez les fichiers "
                "eux-mêmes (par exemple dossier/jeunes_2023.csv, ou dossier/*.csv pour tous ses CSV)."),
    "binaire": ("Fichier binaire, pas un tableau", "Le fichier n'est pas du texte (image, PDF, archive…) ou "
                "contient des caractères nuls : ce n'est pas un export CSV ou XLSX."),
    "html": ("Page web au lieu d'un tableau", "Le fichier est une page HTML : souvent une page d'erreur ou de "
             "connexion enregistrée à la place de l'export, ou un « faux .xls ». Ouvrez-le dans Excel et "
             "enregistrez-le en CSV ou XLSX, ou refaites l'export."),
    "format_tableur": ("Format de tableur non pris en charge", "Ancien format Excel (.xls), classeur protégé par "
                       "un mot de passe ou OpenDocument (.ods) : enregistrez le classeur, sans mot de passe, en .xlsx "
                       "ou en CSV."),
    "encodage": ("Encodage non reconnu", "Le texte n'est ni en UTF-8 (avec ou sans BOM) ni en Windows-1252, "
                 "par exemple de l'UTF-16 (« Texte Unicode » d'Excel). Enregistrez en « CSV UTF-8 »."),
    "separateur": ("Séparateur non reconnu", "Les colonnes doivent être séparées par « ; » ou « , ». Une "
                   "tabulation (« Texte (séparateur : tabulation) ») n'est pas acceptée : enregistrez en CSV."),
    "feuilles": ("Classeur à plusieurs feuilles", "Le classeur a plusieurs feuilles non vides et aucune ne "
                 "porte le nom d'une table : nommez la feuille à importer (« jeunes »…), supprimez les "
                 "autres, ou précisez --table. Les feuilles masquées ne sont pas lues."),
    "feuille_masquee": ("Feuille masquée", "Les seules feuilles remplies du classeur sont masquées : l'import ne "
                        "lit que les feuilles visibles. Affichez celle à importer (clic droit sur un onglet → "
                        "Afficher) et enregistrez le classeur."),
    "entete_absente": ("Ligne des titres introuvable", "La première ligne non vide doit être celle des titres "
                       "de colonnes : supprimez les lignes de titre, de date d'export ou de commentaire au-dessus."),
    "table_inconnue": ("Table non reconnue", "Les titres des colonnes ne permettent pas de savoir de quelle "
                       "table il s'agit : vérifiez la ligne des titres ou précisez --table."),
    "colonne_manquante": ("Colonne manquante", "Une colonne obligatoire de la table n'a pas été trouvée parmi "
                          "les titres (noms et synonymes acceptés : voir le tableau des colonnes)."),
    "colonne_en_double": ("Colonne en double", "Deux titres désignent la même colonne du modèle : gardez-en un."),
    "entete_repetee": ("Ligne des titres répétée", "Une ligne de titres revient au milieu des données, le plus "
                       "souvent parce que des fichiers ont été collés l'un sous l'autre avec leurs titres : "
                       "supprimez-la, seule la première ligne du fichier porte les titres."),
    "guillemets": ("Guillemet non fermé", "Un guillemet ouvert n'est jamais refermé : le reste du fichier "
                   "serait lu comme une seule cellule."),
    "nombre_de_cellules": ("Nombre de cellules différent de l'en-tête", "La ligne n'a pas autant de cellules "
                           "que la ligne des titres (séparateur dans une valeur sans guillemets ?)."),
    "ligne_tronquee": ("Dernière ligne tronquée", "La dernière ligne est incomplète, parfois coupée au milieu "
                       "d'un caractère accentué (fichier coupé pendant la copie ou l'export) : refaites l'export."),
    "cellule_trop_longue": ("Cellule trop longue", "Une cellule dépasse la longueur maximale : ce n'est pas une "
                            "valeur du modèle (collage accidentel, fichier corrompu)."),
    "cellule_vide": ("Cellule obligatoire vide", "Cette colonne doit être remplie sur chaque ligne."),
    "type": ("Nombre attendu", "La cellule doit contenir un nombre entier (la virgule décimale est acceptée "
             "si la partie décimale est nulle, ex. « 17,0 »)."),
    "negatif": ("Nombre négatif", "Un effectif ou un âge ne peut pas être négatif."),
    "plage": ("Valeur hors de la plage permise", "Le nombre sort des bornes du modèle (âge de 16 à 29 ans, "
              "année de 2015 à 2035…)."),
    "date": ("Date illisible", "La date doit être écrite AAAA-MM-JJ ou JJ/MM/AAAA et exister."),
    "booleen": ("Oui/Non illisible", "La cellule doit dire oui ou non (Oui, Non, O, N, 1, 0, Vrai, Faux…)."),
    "valeur": ("Valeur non autorisée", "La valeur n'est ni un code du modèle ni un synonyme documenté."),
    "formule": ("Formule dans une cellule", "La cellule commence par =, +, -, @ comme une formule de tableur. "
                "L'import ne calcule jamais de formule : collez les valeurs (Collage spécial → Valeurs)."),
    "identifiant": ("Identifiant mal formé", "L'identifiant pseudonyme du jeune doit faire 4 à 64 caractères, "
                    "sans espace, et ne pas commencer comme une formule."),
    "ml_inconnue": ("Mission Locale inconnue", "Ni un code ni un nom des 24 Missions Locales de "
                    "data/sources/missions_locales.csv."),
    "commune_inconnue": ("Commune inconnue", "Le code n'est pas celui d'une commune de Normandie (Code "
                         "officiel géographique 2025). Un code postal n'est pas un code INSEE."),
    "commune_ambigue": ("Nom de commune ambigu", "Plusieurs communes de Normandie portent ce nom : donnez le "
                        "code INSEE."),
    "doublon": ("Ligne en double", "La même clé apparaît deux fois (même jeune la même année, même entrée en "
                "dispositif, même objectif)."),
    "date_hors_annee": ("Date hors de l'année", "La date doit tomber dans l'année du fichier."),
    "incoherence": ("Valeurs incohérentes entre colonnes", "Deux colonnes de la même ligne se contredisent "
                    "(tranche d'âge et âge, type et sous-type, CEJ avant le 1er mars 2022…)."),
    "annees_melangees": ("Plusieurs années dans un fichier", "Un fichier = une table × une année complète : "
                         "séparez les années en plusieurs fichiers."),
    "annee_differente": ("Année différente de --annee", "L'année des lignes ne correspond pas à l'année "
                         "demandée avec --annee."),
    "total_incorrect": ("Total annoncé différent", "La ligne « Total » de fin de fichier annonce un autre "
                        "nombre que celui des lignes lues (export incomplet ?)."),
    "fichiers_en_double": ("Deux fichiers pour la même table et la même année", "Une commande ne peut "
                           "importer qu'un fichier par table et par année."),
    "illisible": ("Fichier illisible", "Le système refuse de lire le fichier (droits d'accès, fichier verrouillé "
                  "par une autre application) : copiez-le dans un de vos dossiers, ou fermez l'application qui le "
                  "tient ouvert, puis relancez la commande."),
    "caractere_controle": ("Caractère de contrôle dans une cellule", "Une cellule d'un classeur contient un "
                           "caractère invisible de contrôle (caractère nul, échappement…), qui n'appartient à "
                           "aucune valeur : corrigez la cellule (souvent un collage depuis une autre application)."),
    "limite": ("Fichier trop grand", "Le fichier dépasse ce que l'import lit (voir « Volumes ») : classeur dont "
               "une partie, une fois décompressée, est démesurée (souvent un fichier abîmé ou fabriqué), trop de "
               "lignes ou de colonnes. Pour un gros volume, enregistrez en CSV."),
    "schema": ("Contrôle du modèle", "Le dernier contrôle, qui revérifie chaque ligne contre le modèle de "
               "données avant toute écriture, a refusé la ligne."),
}


# Problems of rows (as opposed to the file or its header): their count of lines is worth saying.
PROBLEMES_DE_LIGNES = {
    "entete_repetee", "nombre_de_cellules", "cellule_trop_longue", "cellule_vide", "type", "negatif", "plage", "date",
    "booleen", "valeur", "formule", "identifiant", "ml_inconnue", "commune_inconnue", "commune_ambigue", "doublon",
    "date_hors_annee", "incoherence", "annees_melangees", "annee_differente", "schema", "caractere_controle",
}


def titre(code: str) -> str:
    return PROBLEMES[code][0]


def echapper(texte: str, lignes: bool = False) -> str:
    """A name or a value from a file, safe to print: every character that is not plain printable text becomes
    its code (« \x1b », « \u202e »): controls (a terminal runs « \x1b[… » as a command), format characters
    (bidirectional overrides turn the text around), separators, unassigned code points. Spaces stay (the
    messages' own narrow no-break spaces among them). `lignes`: line breaks kept (a whole message); otherwise
    escaped too (one name or value)."""
    if texte.isprintable():
        return texte
    return "".join(c if c.isprintable() or unicodedata.category(c) == "Zs" or (lignes and c == "\n")
                   else (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}") for c in texte)


def court(texte: str, longueur: int = LONGUEUR_AFFICHEE) -> str:
    """A name from a file (a column title, a sheet name), escaped and cut to `longueur` characters."""
    return echapper(texte[:longueur]) + ("…" if len(texte) > longueur else "")


def liste_bornee(elements: list[str], nombre: int = NB_EXEMPLES) -> str:
    """The first `nombre` elements, then how many more: a report stays short whatever the file holds
    (50 000 ignored columns make one line, not a megabyte)."""
    texte = ", ".join(elements[:nombre])
    reste = len(elements) - nombre
    if reste > 0:
        texte += f"… et {formats.nombre(reste)} autre{'s' if reste > 1 else ''}"
    return texte


def montrer_valeur(valeur: str | None) -> str:
    if valeur is None:
        return "(vide)"
    texte = echapper(valeur[:LONGUEUR_AFFICHEE])
    if len(valeur) > LONGUEUR_AFFICHEE:
        texte += f"… ({formats.nombre(len(valeur))} caractères)"
    return f"« {texte} »"


def lettre_colonne(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: the column letters of a spreadsheet."""
    lettres = ""
    index += 1
    while index:
        index, reste = divmod(index - 1, 26)
        lettres = chr(65 + reste) + lettres
    return lettres


@dataclass
class Exemple:
    ligne: int | None = None
    colonne: str | None = None       # as the file titles it, with its letter: « Âge » (F)
    valeur: str | None = None
    attendu: str | None = None
    precision: str | None = None     # e.g. "déjà vu ligne 5"
    montrer_valeur: bool = True
    constat: str | None = None       # what is wrong with the whole line, said after it, when no cell is at fault

    @property
    def nue(self) -> bool:
        """Only a line number: nothing a message about the file would not already say."""
        return not (self.colonne or self.montrer_valeur or self.precision or self.attendu or self.constat)


@dataclass
class Probleme:
    code: str
    nombre: int = 1
    exemples: list[Exemple] = field(default_factory=list)
    message: str | None = None       # file-level explanation, when no cell is at fault

    def texte(self, fichier: str) -> str:
        entete = f"  • {titre(self.code)}"
        if self.code in PROBLEMES_DE_LIGNES:
            entete += f" : {formats.nombre(self.nombre)} ligne{'s' if self.nombre > 1 else ''}"
        lignes = [entete]
        exemples = self.exemples[:NB_EXEMPLES]
        if self.message and len(exemples) == 1 and exemples[0].nue:
            # "fichier, ligne 4 : message" on one line, rather than the message then a bare "fichier, ligne 4".
            lignes.append(f"      {decrire(fichier, exemples[0])} : {self.message}")
            exemples = []
        elif self.message:
            lignes.append(f"      {fichier} : {self.message}")
        for ex in exemples:
            lignes.append("      " + decrire(fichier, ex))
        reste = self.nombre - len(self.exemples[:NB_EXEMPLES])
        if self.exemples and reste > 0:
            lignes.append(f"      … et {formats.nombre(reste)} autre{'s' if reste > 1 else ''}")
        return "\n".join(lignes)


def decrire(fichier: str, ex: Exemple) -> str:
    parties = [fichier]
    if ex.ligne is not None:
        parties.append(f"ligne {ex.ligne}")
    if ex.colonne:
        parties.append(f"colonne {ex.colonne}")
    texte = ", ".join(parties)
    if ex.montrer_valeur:
        texte += f" : {montrer_valeur(ex.valeur)}"
    elif ex.constat:
        texte += f" : {ex.constat}"
    if ex.precision:
        texte += f" ({ex.precision})"
    if ex.attendu:
        texte += f" ; attendu : {ex.attendu}"
    return texte


class FichierRefuse(Exception):
    """A file that cannot be imported, with every problem found (grouped by kind and column)."""

    def __init__(self, fichier: str, problemes: list[Probleme], contexte: str = ""):
        self.fichier = fichier
        self.problemes = problemes
        self.contexte = contexte
        super().__init__(self.texte())

    @property
    def codes(self) -> set[str]:
        return {p.code for p in self.problemes}

    def texte(self) -> str:
        lignes = [f"REFUSÉ : {self.fichier}" + (f" ({self.contexte})" if self.contexte else "")]
        lignes += [p.texte(self.fichier) for p in self.problemes]
        return "\n".join(lignes)


def refus(fichier: str, code: str, message: str | None = None, contexte: str = "", **exemple) -> FichierRefuse:
    """A file refused for one reason; `exemple` gives the cell at fault, when there is one."""
    exemples = [Exemple(**exemple)] if exemple else []
    return FichierRefuse(fichier, [Probleme(code, 1, exemples, message)], contexte)
