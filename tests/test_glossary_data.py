"""Hand-paired French/English units from the corpus, shared by the glossary tests (no tests here).

Sources: the OIC General Secretariat statement of 12 December 2023 and the UNA report of 20 September 2023
(both sides real: `corpora/*/oic-gs-2023-12-12-supreme-court-verdict-jk.txt`,
`corpora/*/una-2023-09-20-oic-contact-group-jk-new-york.txt`), and sentences of the French Nouakchott
communiqué of 16 March 2023 (`corpora/fr/oic-cg-jk-2023-03-16-nouakchott-communique.txt`, unwrapped) with
English written to mirror the wording of the English joint communiqués in `corpora/en/` (mofa, dnd).
"""

from __future__ import annotations

from pathlib import Path

from align.model import TranslationUnit

CORPUS = Path(__file__).resolve().parents[1] / "corpora"


def _real_pairs(name: str) -> list[tuple[str, str]]:
    """The sentence pairs of a real translated statement whose paragraphs correspond one to one."""
    def paragraphs(lang: str) -> list[str]:
        text = (CORPUS / lang / name).read_text(encoding="utf-8")
        return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("Date:")]

    return list(zip(paragraphs("fr"), paragraphs("en"), strict=True))


UNA_PAIRS = [
    ("Le groupe de contact de l’Organisation de coopération islamique (OCI) sur le Jammu-et-Cachemire a tenu "
     "une réunion, au niveau ministériel, en marge de la soixante-dix-huitième session de l’Assemblée générale "
     "de l’ONU, à New York, le 20 septembre 2023.",
     "The OIC Contact Group on Jammu and Kashmir held a ministerial-level meeting on the sidelines of the 78th "
     "session of the United Nations General Assembly in New York on 20 September 2023."),
    ("La réunion a été présidée par le secrétaire général de l'OCI, Hissein Brahim Taha, qui a passé en revue "
     "l'évolution de la situation actuelle au Jammu-et-Cachemire.",
     "The meeting was chaired by the Secretary-General of the Organization of Islamic Cooperation, Hissein "
     "Brahim Taha, who reviewed developments in the current situation in Jammu and Kashmir."),
    ("Il a souligné également la nécessité pour la communauté internationale d'intensifier ses efforts pour "
     "régler la question du Jammu-et-Cachemire, afin de compléter les efforts de l'Organisation de coopération "
     "islamique.",
     "He also stressed the need for the international community to intensify its efforts to settle the issue "
     "of Jammu and Kashmir, to complement the efforts of the Organization of Islamic Cooperation."),
    ("Pour sa part, le ministre des Affaires étrangères de la République islamique du Pakistan, Jalil Abbas "
     "Jilani, a informé le Groupe de contact de la situation actuelle sur le terrain, depuis sa dernière "
     "réunion tenue en marge de la quarante-neuvième session du conseil des ministres des Affaires étrangères "
     "de l'OCI à Nouakchott, République islamique de Mauritanie, en mars 2023.",
     "For his part, the Minister of Foreign Affairs of the Islamic Republic of Pakistan, Jalil Abbas Gilani, "
     "briefed the Contact Group on the current situation on the ground since its last meeting held on the "
     "sidelines of the forty-ninth session of the OIC Council of Foreign Ministers in Nouakchott, Islamic "
     "Republic of Mauritania, in March 2023."),
]

NOUAKCHOTT_PAIRS = [
    ("Une réunion du Groupe de contact de l'OCI sur le Jammu-et-Cachemire au niveau ministériel s'est tenue en "
     "marge de la 49ème session du Conseil des Ministres des Affaires étrangères de l'OCI à Nouakchott, "
     "République islamique de Mauritanie, le 16 mars 2023.",
     "A ministerial-level meeting of the OIC Contact Group on Jammu and Kashmir was held on the sidelines of "
     "the 49th session of the OIC Council of Foreign Ministers in Nouakchott, Islamic Republic of Mauritania, "
     "on 16 March 2023."),
    ("S.E. l’Ambassadeur Hissein Brahim Taha, le Secrétaire général de l'OCI, a présidé la réunion.",
     "H.E. Ambassador Hissein Brahim Taha, the Secretary General of the OIC, chaired the meeting."),
    ("Tout en passant en revue la situation actuelle au Jammu-et-Cachemire, il a souligné le soutien continu de "
     "l'OCI au peuple du Jammu-et-Cachemire dans son droit à l'autodétermination.",
     "While reviewing the current situation in Jammu and Kashmir, he underlined the OIC's continued support to "
     "the people of Jammu and Kashmir in their right to self-determination."),
    ("Il a en outre souligné la nécessité pour la communauté internationale d'intensifier ses efforts en vue du "
     "règlement de la question du Jammu-et-Cachemire, pour compléter les efforts de l'OCI.",
     "He further stressed the need for the international community to intensify its efforts for the "
     "settlement of the issue of Jammu and Kashmir, to complement the efforts of the OIC."),
    ("S.E. Bilawal Bhutto Zardari, Ministre des Affaires étrangères du Pakistan, a informé la réunion de la "
     "situation sur le terrain depuis la dernière réunion du Groupe de contact à New York en septembre 2022, "
     "en marge de la 77ème session de l'Assemblée générale des Nations Unies.",
     "H.E. Bilawal Bhutto Zardari, Foreign Minister of Pakistan, briefed the meeting on the situation on the "
     "ground since the last meeting of the Contact Group in New York in September 2022, on the sidelines of "
     "the 77th session of the United Nations General Assembly."),
    ("Dans sa déclaration, il a remercié le Secrétaire général et les autres membres du Groupe de contact pour "
     "leur soutien continu au Pakistan sur le conflit du Jammu-et-Cachemire.",
     "In his statement, he thanked the Secretary General and the other members of the Contact Group for their "
     "continued support to Pakistan on the Jammu and Kashmir dispute."),
    ("Dans leurs déclarations, d'autres membres du Groupe de contact, tout en exprimant leur soutien continu au "
     "peuple du Jammu-et-Cachemire, ont appelé à un règlement pacifique du différend conformément aux "
     "résolutions pertinentes du Conseil de sécurité des Nations Unies.",
     "In their statements, other members of the Contact Group, while expressing their continued support to the "
     "people of Jammu and Kashmir, called for a peaceful settlement of the dispute in accordance with the "
     "relevant United Nations Security Council resolutions."),
    ("Ils ont réitéré leur appel à l'Inde pour qu'elle respecte les droits humains fondamentaux du peuple du "
     "Jammu-et-Cachemire et s'abstienne de modifier la structure démographique du territoire contesté.",
     "They reiterated their call on India to respect the fundamental human rights of the people of Jammu and "
     "Kashmir and to refrain from altering the demographic structure of the disputed territory."),
    ("Le Groupe de contact a souligné l'importance de la mise en œuvre rapide du Plan d'action sur le "
     "Jammu-et-Cachemire, adopté lors de la 48ème session du Conseil des Ministres des Affaires étrangères de "
     "l'OCI, à Islamabad en mars 2022.",
     "The Contact Group underlined the importance of the early implementation of the Plan of Action on Jammu "
     "and Kashmir, adopted at the 48th session of the OIC Council of Foreign Ministers in Islamabad in March "
     "2022."),
    ("Le Groupe de contact a remercié la Commission permanente indépendante des droits de l'homme (CPIDH) de "
     "l'OCI pour ses efforts constants visant à surveiller les violations des droits de l'homme au "
     "Jammu-et-Cachemire et à faire rapport aux organes internationaux des droits de l'homme.",
     "The Contact Group thanked the OIC Independent Permanent Human Rights Commission (IPHRC) for its "
     "consistent efforts to monitor human rights violations in Jammu and Kashmir and to report to "
     "international human rights bodies."),
    ("De véritables représentants du peuple cachemiri ont assisté à la réunion.",
     "True representatives of the Kashmiri people attended the meeting."),
    ("Le Groupe de contact a publié un communiqué sur les derniers développements au Jammu-et-Cachemire "
     "(copie ci-jointe).",
     "The Contact Group issued a communiqué on the latest developments in Jammu and Kashmir (copy attached)."),
    ("Ayant entendu les déclarations des ministres des Affaires étrangères des États membres du Groupe de "
     "contact, les points de vue des vrais Représentants du peuple cachemiri et le rapport de la CPIDH, sur la "
     "poursuite des développements malheureux et des atrocités au Jammu-et-Cachemire illégalement occupé par "
     "l’Inde (JCIOI) ;",
     "Having heard the statements of the Foreign Ministers of the member states of the Contact Group, the views "
     "of the True Representatives of the Kashmiri People and the report of the IPHRC on the continuing "
     "unfortunate developments and atrocities in Indian Illegally Occupied Jammu and Kashmir (IIOJK);"),
    ("Réitérant la position et les résolutions de l'OCI sur le conflit au Jammu-et-Cachemire ;",
     "Reaffirming the OIC's position and resolutions on the Jammu and Kashmir dispute;"),
    ("Exprimant leur profonde préoccupation face à la dégradation des droits de l'homme au Jammu-et-Cachemire "
     "illégalement occupé par l’Inde (JCIOI) ;",
     "Expressing deep concern over the deteriorating human rights situation in Indian Illegally Occupied Jammu "
     "and Kashmir (IIOJK);"),
    ("Soulignant que le Jammu-et-Cachemire est internationalement reconnu territoire disputé qui continue de "
     "figurer à l'ordre du jour du CSNU depuis 1948, et que la nature contestée du territoire a été réaffirmée "
     "par des résolutions pertinentes ultérieures du CSNU ;",
     "Underscoring that Jammu and Kashmir is an internationally recognized disputed territory that has remained "
     "on the agenda of the UNSC since 1948, and that the disputed nature of the territory has been reaffirmed "
     "by subsequent relevant UNSC resolutions;"),
    ("Soulignant qu'une paix durable en Asie du Sud ne peut être réalisée que par un règlement juste du conflit "
     "central du Jammu-et-Cachemire conformément aux résolutions du CSNU et aux aspirations du peuple "
     "cachemiri ;",
     "Stressing that lasting peace in South Asia cannot be achieved without a just settlement of the core Jammu "
     "and Kashmir dispute in accordance with UNSC resolutions and the aspirations of the Kashmiri people;"),
    ("Dénonçant les actions indiennes unilatérales et illégales du 5 août 2019 ainsi que les mesures et "
     "machinations politiques ultérieures visant à y changer la composition démographique ;",
     "Denouncing the unilateral and illegal Indian actions of 5 August 2019 and the subsequent political steps "
     "and machinations to alter its demographic composition;"),
    ("Rappelant les deux rapports publiés par le bureau du Haut-Commissariat des Nations unies aux droits de "
     "l'homme en juin 2018 et juillet 2019, documentant de manière exhaustive les violations flagrantes et "
     "systématiques des droits humains dans l'JCIOI ;",
     "Recalling the two reports issued by the Office of the UN High Commissioner for Human Rights in June 2018 "
     "and July 2019, comprehensively documenting the gross and systematic violations of human rights in "
     "IIOJK;"),
    ("Rappelant les communiqués publiés par le Groupe de contact sur le Jammu-et-Cachemire les 25 septembre "
     "2019, 22 juin 2020, 23 septembre 2021, 22 mars 2022 et 21 septembre 2022 ;",
     "Recalling the communiqués issued by the Contact Group on Jammu and Kashmir on 25 September 2019, 22 June "
     "2020, 23 September 2021, 22 March 2022 and 21 September 2022;"),
    ("Exprimant sa profonde préoccupation face aux tentatives indiennes de restreindre la liberté de la presse "
     "dans le JCIOI par une série de lois draconiennes ;",
     "Expressing deep concern over the Indian attempts to curb the freedom of the press in IIOJK through a "
     "series of draconian laws;"),
    ("Condamnant l'incarcération de dirigeants politiques du Cachemire et la persécution des journalistes et "
     "des militants des droits de l'homme ;",
     "Condemning the incarceration of Kashmiri political leaders and the persecution of journalists and human "
     "rights activists;"),
    ("Ayant passé en revue la grave situation au Jammu-et-Cachemire illégalement occupé par l'Inde ;",
     "Having reviewed the grave situation in Indian Illegally Occupied Jammu and Kashmir;"),
    ("Demandé au bureau du Haut-Commissaire des Nations Unies aux droits de l'homme de continuer à surveiller la "
     "situation au JCIOI afin d'informer l'ONU et la communauté internationale des violations flagrantes des "
     "droits de l'homme commises au JCIOI ;",
     "Requested the Office of the UN High Commissioner for Human Rights to continue monitoring the situation in "
     "IIOJK in order to inform the UN and the international community of the gross human rights violations "
     "committed in IIOJK;"),
    ("Incité le Secrétaire général et les États membres à souligner l'aggravation de la situation au JCIOI dans "
     "les différents forums internationaux, y compris les Nations Unies ;",
     "Urged the Secretary General and the member states to highlight the worsening situation in IIOJK at "
     "various international fora, including the United Nations;"),
    ("Exprimé leurs inquiétudes concernant la saisie du bureau de la All Parties Hurriyat Conference (APHC) à "
     "Srinagar ;",
     "Expressed concern over the seizure of the office of the All Parties Hurriyat Conference (APHC) in "
     "Srinagar;"),
    ("Condamnant la détention prolongée de l'ensemble des dirigeants de l'APHC, voix authentique des "
     "aspirations politiques cachemiriennes ;",
     "Condemning the protracted detention of the entire APHC leadership, the genuine voice of the Kashmiri "
     "political aspirations;"),
    ("Affirmé que tout processus politique au sein du JCIOI, en contradiction avec les résolutions pertinentes "
     "du Conseil de sécurité de l'ONU, serait nul ad-initio et sans effet juridique ;",
     "Affirmed that any political process in IIOJK, in contravention of the relevant UN Security Council "
     "resolutions, would be null and void ab initio and without legal effect;"),
    ("Annule ses actions unilatérales et illégales du 5 août 2019 et réitère son engagement à appliquer les "
     "résolutions pertinentes du CSNU conformément aux aspirations du peuple cachemiri ;",
     "Reverse its unilateral and illegal actions of 5 August 2019 and reiterate its commitment to implement the "
     "relevant UNSC resolutions in accordance with the aspirations of the Kashmiri people;"),
    ("Permette aux missions d'enquête de l'OCI et de la CPIDH au JCIOI d'enquêter et de faire rapport sur les "
     "incidents de violations des droits de l'homme perpétrés par les forces d'occupation indiennes ;",
     "Allow the fact-finding missions of the OIC and the IPHRC to IIOJK to investigate and report on incidents "
     "of human rights violations perpetrated by the Indian occupation forces;"),
    ("Adresser une lettre au Président de l’Inde pour permettre une visite de la mission d’enquête de l’OCI au "
     "JCIOI ;",
     "Address a letter to the President of India to allow a visit of the OIC fact-finding mission to IIOJK;"),
    ("Appeler à des mesures immédiates pour un règlement pacifique du conflit du Jammu-et-Cachemire "
     "conformément aux résolutions pertinentes du CSNU.",
     "Call for immediate steps for a peaceful settlement of the Jammu and Kashmir dispute in accordance with "
     "the relevant UNSC resolutions."),
    ("Appelé la communauté internationale à tenir l'Inde responsable des violations flagrantes des droits de "
     "l'homme au JCIOI ;",
     "Called upon the international community to hold India accountable for the gross human rights violations "
     "in IIOJK;"),
    ("Décidé de prendre des mesures concrètes pour matérialiser une solution rapide, juste et légale au conflit "
     "du Jammu-et-Cachemire conformément aux résolutions pertinentes du Conseil de sécurité des Nations unies "
     "et aux aspirations du peuple cachemiri.",
     "Decided to take concrete steps for an early, just and lawful solution to the Jammu and Kashmir dispute in "
     "accordance with the relevant United Nations Security Council resolutions and the aspirations of the "
     "Kashmiri people."),
    ("Poursuivre ses efforts pour nommer un groupe d'experts juridiques en tant qu'organe consultatif, comme "
     "mandaté par la 48ème session du CMAE.",
     "Continue his efforts to appoint a group of legal experts as an advisory body, as mandated by the 48th "
     "session of the CFM."),
]


def corpus_units() -> list[TranslationUnit]:
    """About forty real-language units: the test bed for term extraction."""
    pairs = _real_pairs("oic-gs-2023-12-12-supreme-court-verdict-jk.txt") + UNA_PAIRS + NOUAKCHOTT_PAIRS
    return [TranslationUnit(source=fr, target=en, tuid=str(n)) for n, (fr, en) in enumerate(pairs, start=1)]
