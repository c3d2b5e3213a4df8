// Names children go by, for the preferred-name field of synthetic children: real short forms only
// (Mo for Muhammad, Ollie for Oliver), never a name cut short.

/** A forename and the name its bearer commonly goes by. */
export const NICKNAMES: Record<string, string> = {
  Muhammad: 'Mo', Mohammed: 'Mo', Oliver: 'Ollie', Thomas: 'Tom', Joshua: 'Josh', Samuel: 'Sam', Daniel: 'Danny', Nathaniel: 'Nate', Jessica: 'Jess', Alfie: 'Alf',
  Oluwaseun: 'Seun', Abdirahman: 'Abdi', Zakariya: 'Zak', Abdullah: 'Abdul', Małgosia: 'Gosia', Wiktoria: 'Wiki', Zuzanna: 'Zuzia', Aleksander: 'Olek', Jakub: 'Kuba',
  Amelia: 'Millie', Olivia: 'Liv', Freddie: 'Fred', Theo: 'Teddy', Aisha: 'Ash', Ruby: 'Rubes', Grace: 'Gracie',
  Christopher: 'Chris', Isabella: 'Bella', Ayomide: 'Ayo', Chiamaka: 'Amaka', Oisín: 'Osh', Saoirse: 'Seersha', Khadija: 'Dija', Ibrahim: 'Ibby', Jacob: 'Jake',
};
