"""Import of extracts, what it does to the data folder: nothing twice, nothing in a dry run, nothing half
done; every replaced file kept and restorable; one operation at a time; and the app sees a new year."""
from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import textwrap

import pytest

from observatoire import config, db, ingest
from observatoire.ingest import versions as ingest_versions
from observatoire.ingest import exemples as ex
from tests.test_ingest import csv_table, empreinte, lancer, lire_parquet

CIBLE = "extraits/jeunes/annee=2023.parquet"


def versions() -> list[str]:
    return [m["version"] for m in ingest_versions.lister()]


def test_reimporter_le_meme_fichier_ne_change_rien(donnees, tmp_path, capsys):
    p = csv_table(tmp_path, n=50)
    code, texte = lancer(capsys, p)
    assert code == ingest.OK and "nouvelle année pour cette table" in texte
    apres_premier = empreinte(donnees)
    code, texte = lancer(capsys, p)
    assert code == ingest.OK
    assert "déjà importé, rien à faire" in texte
    assert empreinte(donnees) == apres_premier
    assert len(versions()) == 1


def test_reimporter_apres_restauration_reecrit(donnees, tmp_path, capsys):
    p = csv_table(tmp_path, n=15)
    lancer(capsys, p)
    octets_importes = (donnees / CIBLE).read_bytes()
    assert ingest.main(["restore", versions()[0]]) == ingest.OK
    assert not (donnees / CIBLE).exists()
    code, texte = lancer(capsys, p)
    assert code == ingest.OK and "nouvelle année pour cette table" in texte
    assert (donnees / CIBLE).read_bytes() == octets_importes


def test_meme_contenu_depuis_un_xlsx_reconnu_identique(donnees, tmp_path, capsys):
    lancer(capsys, csv_table(tmp_path, n=10))
    avant = empreinte(donnees)
    p = ex.ecrire_xlsx(tmp_path / "jeunes.xlsx", {"jeunes": (ex.ENTETES["jeunes"], ex.lignes("jeunes", 10))})
    code, texte = lancer(capsys, p)
    assert code == ingest.OK and "déjà importé, rien à faire" in texte
    assert empreinte(donnees) == avant


def test_simulation_n_ecrit_rien(donnees, tmp_path, capsys):
    avant = empreinte(donnees)
    code, texte = lancer(capsys, csv_table(tmp_path), "--dry-run")
    assert code == ingest.OK
    assert "data/extraits/jeunes/annee=2023.parquet : nouvelle année" in texte
    assert "rien n'a été écrit" in texte
    assert empreinte(donnees) == avant
    assert not (donnees / "extraits").exists() and not (donnees / "sauvegardes").exists()


def test_remplacement_sauvegarde_puis_restauration_octet_pour_octet(donnees, tmp_path, capsys):
    lancer(capsys, csv_table(tmp_path, n=30, nom="v1.csv"))
    v1 = (donnees / CIBLE).read_bytes()
    code, texte = lancer(capsys, csv_table(tmp_path, n=40, nom="v2.csv"))
    assert code == ingest.OK and "remplace la version actuelle (30 lignes)" in texte
    assert len(lire_parquet(donnees, "jeunes", 2023)) == 40
    premiere, seconde = versions()
    # The previous file is kept, dated, with a manifest saying what replaced it.
    assert (donnees / "sauvegardes" / seconde / CIBLE).read_bytes() == v1
    manifeste = json.loads((donnees / "sauvegardes" / seconde / "manifest.json").read_text(encoding="utf-8"))
    assert manifeste["sources"][0]["fichier"] == "v2.csv" and manifeste["sources"][0]["lignes"] == 40
    assert manifeste["fichiers"][0]["avant"] == "présent"

    v2 = (donnees / CIBLE).read_bytes()
    assert ingest.main(["restore", seconde]) == ingest.OK
    assert (donnees / CIBLE).read_bytes() == v1
    # The restoration is an operation too: undoing it brings v2 back.
    restauration = versions()[-1]
    assert ingest.main(["restore", restauration]) == ingest.OK
    assert (donnees / CIBLE).read_bytes() == v2
    # Back to before the first import: the file it created is removed.
    assert ingest.main(["restore", premiere]) == ingest.OK
    assert not (donnees / CIBLE).exists()
    capsys.readouterr()
    assert ingest.main(["versions"]) == ingest.OK
    liste = capsys.readouterr().out
    assert "import de v1.csv (jeunes 2023, 30 lignes)" in liste
    assert f"restauration de l'état d'avant {premiere}" in liste


def test_restaurer_une_version_inconnue(donnees, capsys):
    avant = empreinte(donnees)
    assert ingest.main(["restore", "2020-01-01_00-00-00"]) == ingest.USAGE
    assert "version inconnue" in capsys.readouterr().err
    assert ingest.main(["restore", "../../etc"]) == ingest.USAGE
    assert empreinte(donnees) == avant


# Another operation holding the lock, as a second import would: a real process, killed when the test is done.
TENIR_LE_VERROU = textwrap.dedent("""
    import fcntl, os, sys, time
    fd = os.open(sys.argv[1], os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    print("pris", flush=True)
    time.sleep(600)
""")


def test_un_import_a_la_fois(donnees, tmp_path, capsys):
    p = csv_table(tmp_path)
    avant = empreinte(donnees)
    detenteur = subprocess.Popen([sys.executable, "-c", TENIR_LE_VERROU, str(donnees)], stdout=subprocess.PIPE,
                                 text=True)
    try:
        assert detenteur.stdout.readline().strip() == "pris"
        code, texte = lancer(capsys, p)
        assert code == ingest.OCCUPE, texte
        assert texte.splitlines() == ["Import impossible : un autre import ou une restauration est en cours : attendez "
                                      "qu'il se termine, puis relancez la commande. Aucune donnée n'a été modifiée."]
        assert ingest.main(["restore", "2020-01-01_00-00-00"]) == ingest.OCCUPE
        assert empreinte(donnees) == avant
    finally:
        detenteur.kill()          # killed: the system releases its lock, nothing is left to clear
        detenteur.wait()
        detenteur.stdout.close()
    code, texte = lancer(capsys, p)
    assert code == ingest.OK, texte


def test_un_numero_de_processus_reutilise_ne_bloque_rien(donnees, tmp_path, capsys):
    """The lock file of earlier versions held a process number, checked for life: once the number was reused
    (after a reboot, in a container), every import was refused for good. A live process's number in it
    blocks nothing now, and the file goes."""
    ancien = donnees / ingest_versions.ANCIEN_VERROU
    ancien.write_text(f"{os.getpid()}\n")
    code, texte = lancer(capsys, csv_table(tmp_path))
    assert code == ingest.OK, texte
    assert not ancien.exists()


def test_echec_pendant_l_echange_remet_tout_en_place(donnees, tmp_path, capsys, monkeypatch):
    lancer(capsys, csv_table(tmp_path, n=10, nom="v1.csv"))
    avant = empreinte(donnees)
    vrai_replace = os.replace
    appels = []

    def replace_qui_echoue(src, dst):
        appels.append(dst)
        if str(dst).endswith("objectifs_cej/annee=2023.parquet"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))
        return vrai_replace(src, dst)

    monkeypatch.setattr(ingest_versions.os, "replace", replace_qui_echoue)
    messages = []
    bilan = ingest.importer([csv_table(tmp_path, n=12, nom="v2.csv"), csv_table(tmp_path, "objectifs_cej")],
                            dire=messages.append)
    monkeypatch.setattr(ingest_versions.os, "replace", vrai_replace)
    assert bilan.code == ingest.ECRITURE
    assert messages[-1] == (
        f"Import impossible : plus de place sur le disque (ou quota atteint) en écrivant « {donnees}/extraits/"
        "objectifs_cej/annee=2023.parquet ». Aucune donnée n'a été modifiée. Vérifiez que le dossier des données "
        "(data/ et ses sous-dossiers) est accessible en écriture et qu'il reste de la place sur le disque, puis "
        "relancez la commande.")
    assert any(str(a).endswith(CIBLE) for a in appels)     # the first file had been swapped in
    assert empreinte(donnees) == avant
    assert not list(donnees.glob(".preparation-*"))


def test_une_annee_importee_apparait_dans_l_application(donnees, tmp_path, capsys):
    assert 2023 not in set(db.requete("extraits_annees")["annee"])
    code, texte = lancer(capsys, csv_table(tmp_path, n=120))
    assert code == ingest.OK, texte
    annees = db.requete("extraits_annees").set_index("annee")
    assert annees.loc[2023, "provenance"] == "extraits"
    assert annees.loc[2023, "nb_jeunes"] == 120
    assert annees.loc[2022, "provenance"] == "démonstration"


def test_une_annee_importee_remplace_la_demonstration_de_la_meme_annee(donnees, tmp_path, capsys):
    demo = db.requete("extraits_annees").set_index("annee")
    if 2022 not in demo.index:
        pytest.skip("pas de démonstration 2022 construite")
    code, texte = lancer(capsys, csv_table(tmp_path, n=75, annee=2022))
    assert code == ingest.OK, texte
    annees = db.requete("extraits_annees").set_index("annee")
    assert (annees.loc[2022, "provenance"], annees.loc[2022, "nb_jeunes"]) == ("extraits", 75)


def test_l_annee_importee_se_choisit_dans_les_pages(donnees, tmp_path, capsys):
    from tests.outils import lancer as lancer_app

    code, texte = lancer(capsys, csv_table(tmp_path, n=200))
    assert code == ingest.OK, texte
    at = lancer_app("publics.py")
    choix = next(s for s in at.sidebar.selectbox if s.label == "Année")
    assert 2023 in choix.options or "2023" in choix.options
    choix.select(2023).run()
    assert not at.exception, at.exception
    assert config.DATA_DIR == donnees


# A multi-file import whose process dies (power cut, killed window) right after its first swap: no rollback,
# no cleanup, the lock left behind. Run as the user runs it, in a separate process pointed at the test data.
MORT_ENTRE_DEUX_ECHANGES = textwrap.dedent("""
    import os, sys
    from observatoire import ingest
    vrai_replace = os.replace
    def replace(src, dst):
        if str(dst).endswith("objectifs_cej/annee=2023.parquet"):
            os._exit(9)
        return vrai_replace(src, dst)
    os.replace = replace
    sys.exit(ingest.main(["ingest", *sys.argv[1:]]))
""")


def test_import_interrompu_entre_deux_echanges_se_termine_en_relancant(donnees, tmp_path, capsys):
    lancer(capsys, csv_table(tmp_path, n=10, nom="v1.csv"))
    v1 = (donnees / CIBLE).read_bytes()
    fichiers = [csv_table(tmp_path, n=12, nom="jeunes_2023.csv"), csv_table(tmp_path, "objectifs_cej")]
    temporaire = tmp_path / "tmp"
    temporaire.mkdir()
    mort = subprocess.run([sys.executable, "-c", MORT_ENTRE_DEUX_ECHANGES, *map(str, fichiers)], cwd=config.ROOT,
                          env={**os.environ, "OBSERVATOIRE_DATA_DIR": str(donnees), "TMPDIR": str(temporaire)},
                          capture_output=True, text=True)
    assert mort.returncode == 9, mort.stdout + mort.stderr
    interrompue = versions()[-1]
    # Half done: jeunes is the new file, objectifs not there yet; the preparation folder remains.
    assert len(lire_parquet(donnees, "jeunes", 2023)) == 12
    assert not (donnees / "extraits" / "objectifs_cej" / "annee=2023.parquet").exists()
    assert list(donnees.glob(".preparation-*"))
    assert not list(temporaire.iterdir())          # nothing of the extracts in the system's temporary folder

    # What docs/IMPORT.md says: run the same command again, it finishes the job.
    code, texte = lancer(capsys, *fichiers)
    assert code == ingest.OK, texte
    assert "jeunes_2023.csv : déjà importé, rien à faire" in texte
    assert "data/extraits/objectifs_cej/annee=2023.parquet : nouvelle année pour cette table" in texte
    assert len(lire_parquet(donnees, "jeunes", 2023)) == 12
    assert len(lire_parquet(donnees, "objectifs_cej", 2023)) == 20
    assert not list(donnees.glob(".preparation-*"))

    # And the interrupted import's backup is complete: restoring it goes back to before it.
    assert ingest.main(["restore", interrompue]) == ingest.OK
    assert (donnees / CIBLE).read_bytes() == v1
    assert not (donnees / "extraits" / "objectifs_cej" / "annee=2023.parquet").exists()


def test_chaque_fichier_sur_le_disque_avant_son_echange(donnees, tmp_path, capsys, monkeypatch):
    lancer(capsys, csv_table(tmp_path, n=10, nom="v1.csv"))
    evenements = []
    vrai_sur_disque, vrai_replace = ingest_versions._sur_disque, os.replace

    def sur_disque(chemin):
        evenements.append(("disque", str(chemin)))
        vrai_sur_disque(chemin)

    def replace(src, dst):
        if "/extraits/" in str(dst) or "/sauvegardes/" in str(dst):    # not the derived tables' own writes
            evenements.append(("echange", str(src)))
        vrai_replace(src, dst)

    monkeypatch.setattr(ingest_versions, "_sur_disque", sur_disque)
    monkeypatch.setattr(ingest_versions.os, "replace", replace)
    code, texte = lancer(capsys, csv_table(tmp_path, n=12, nom="v2.csv"), csv_table(tmp_path, "objectifs_cej"))
    monkeypatch.setattr(ingest_versions.os, "replace", vrai_replace)
    assert code == ingest.OK, texte
    echanges = [i for i, (quoi, _) in enumerate(evenements) if quoi == "echange"]
    # The backup (its copy of v1 and its manifest) is on the disk before the backup folder is named...
    sauvegarde = [c for quoi, c in evenements[:echanges[0]] if quoi == "disque"]
    assert any(c.endswith("manifest.json") for c in sauvegarde) and any(c.endswith(CIBLE) for c in sauvegarde)
    # ... and each new file before it is swapped in.
    for i in echanges[1:]:
        assert ("disque", evenements[i][1]) in evenements[:i]
    assert len(echanges) == 3
