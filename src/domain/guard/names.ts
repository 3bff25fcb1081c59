/**
 * Names the guard knows in any case: first names given to children and to their parents in
 * England and Wales (the most common in the ONS baby-name tables of 1975 to 2023, across the
 * communities a partnership serves) and the most common surnames. A word found here is taken for a
 * name even in lower case ("spoke to jayden") unless it is also an ordinary word, when it needs a
 * context (see AMBIGUOUS_NAMES). Kept small on purpose: it ships with the tab's first view. Names
 * outside it are still stopped when capitalised beside another unknown capitalised word, after a
 * role ("Mum (Zainab)"), a title or before a verb of speech.
 */

const FIRST = `aaliyah aarav aaron abbie abby abdul abdullah abigail adam adrian ahmed aidan aiden aimee aisha alan albert
aleksander alex alexa alexander alexandra alexis alfie ali alice alicia alisha alison alyssa amanda amara amber
amelia amelie amir amira amy ana andre andrea andreea andrew andrzej angela angelina anna annabelle anne annie
anthony antonio archie aria ariana arlo aryan asha ashley ashton aston aurora austin ava ayaan ayesha bailey barbara
beatrice bella ben benjamin beth bethany billy blake bobby bonnie brandon brian brooke bradley caitlin callum cameron
carl carly caroline carys casey cassie catherine charlie charlotte chelsea cheryl chloe chris christian christina
christine christopher ciara claire clara claudia cody connor conor craig cristian daisy dale damian daniel danielle
danny darcey darcie darren david dawid dean debbie deborah declan demi denise dennis derek dexter diana dominic donna
dylan eden edward eileen elaine eleanor elena eli elijah elizabeth ella ellie ellis eloise elsie emilia emily emma
enzo eric erin ethan eva evan evelyn evie ewan ezra faisal farah fatima fatma felix finlay finley finn fiona florence
francesca freddie freya gabriel gabriela gareth gary gemma george georgia gerald gillian grayson hamza hana hannah
harley harper harrison harvey hassan hayden hayley heidi helen henry holly hollie hugo hussain ian ibrahim imogen
isaac isabel isabella isabelle isla ismail ivan ivy jack jackson jacob jacqueline jade jake james jamie jan jane janet
jasmine jason jay jayden jaxon jenna jennifer jenny jeremy jessica jodie joe joel john jonathan jordan joseph josephine
josh joshua julia julie justin kacper kai kaiden kate katherine kathleen katie kayden kayla keira keith kelly kerry
kevin kian kieran kim kirsty kyle lacey laila lana lara laura lauren layla leah leighton leo leon leonardo lewis lexi
liam lily lisa logan lola lorraine louie louis louise luca lucas lucy luke lydia maddison madison maisie maja malik
marcus margaret maria mariam marie marley martin maryam mason matilda matthew maya megan melissa mia michael michelle
mila millie mohammad mohammed muhammad mollie molly nadia naomi natalia natalie nathan neil nicola nicole niamh noah
nora oakley olivia oliver olly omar oscar owen paige patricia paul paula peter phoebe piotr pippa poppy priya
rachel rahul raheem rebecca reggie reuben rhys ricky riley rory rosie ruth ryan sadie safiya samantha samuel sara
sarah scarlett scott sean sebastian shannon sharon shauna shaun sienna siobhan sofia sophia sophie stacey stanley
stefan stella stephanie stephen steven stuart susan sylvia szymon tanya teddy theo theodore thomas tiago tilly
timothy toby tommy tracey tracy tyler valentina vanessa victoria vincent wayne wiktoria william willow wojciech
yasmin yusuf zac zach zachary zain zainab zara zoe zofia zuzanna
kyra kaylee tia tiana leona lennon nevaeh ellie-mae ella-mae lily-mae lacey-mae mae rocco ronnie alfie-james
tomasz krzysztof marek agnieszka katarzyna magdalena oliwia natasha olena oleksandr andriy ivanna mykola
chidi chinedu chioma emeka ngozi oluwaseun oluwadamilare temitope adebayo adeola kwame kofi ama akosua abena
ayodele babatunde folake funmilayo tunde amina hodan abdi ayaan faduma khadija mustafa mohamud yasin
arjun aditya ananya diya ishaan kabir krishna navya riya rohan sanjay sunita deepa ravi anil manpreet harpreet
gurpreet jaspreet simran amrit parveen shabana nasreen rubina imran tariq asif bilal usman zubair saima
nia rhiannon cerys bryn dafydd gethin seren tegan aoife saoirse oisin cian padraig siobhan grainne
jorge luis sergio javier alejandro lucia mateo miguel pablo chiara giulia matteo marco francesco alessandro
aleksandra julia adriana bogdan ionut mihai andrei elena ioana stefania vasile
levi lenny jensen jenson rio tyrese tyreece kendrick jermaine shanice keisha latoya chantelle kayleigh
`;

const SURNAMES = `smith jones williams taylor davies evans thomas johnson roberts walker wright robinson thompson white
hughes edwards green hall lewis harris clarke clark patel jackson wood turner martin cooper hill ward morris moore
clark lee king baker harrison morgan allen james scott phillips watson davis parker price bennett young griffiths
mitchell kelly cook carter richardson bailey collins bell shaw murphy miller cox richards khan marshall anderson
simpson ellis adams singh begum wilson chapman powell webb rogers gray grey mason ali hussain campbell matthews
owen palmer holmes mills barnes knight lloyd butler russell barker fisher stevens jenkins murray dixon harvey
graham pearson ahmed fletcher walsh kaur gibson howard andrews stewart elliott reynolds saunders payne fox ford
pearce day brooks west lawrence cole atkinson bradley spencer gill dawson ball burton o'brien watts rose booth
perry ryan grant wells armstrong francis rees hayes hart hudson newman barrett webster hunter gregory carr lowe
page marsh riley dunn woods parsons berry stone reid holland hawkins harding porter robertson newton oliver reed
kennedy williamson bird gardner shah dean lane cooper mccarthy mcdonald macdonald mckenzie mackenzie mclean
maclean o'neill o'connor o'sullivan o'reilly doherty byrne kavanagh quinn gallagher brennan
okafor okonkwo adeyemi adebayo mensah owusu boateng asante osei nwosu eze obi mohamed hassan abdi farah
nowak kowalski wisniewski wojcik kaminski lewandowski zielinski popescu ionescu popa rodriguez garcia fernandez
silva santos pereira costa rossi russo ferrari chowdhury rahman miah uddin islam hossain bibi akhtar iqbal
mahmood malik qureshi sharma kumar gupta mistry parmar chauhan solanki desai mehta nguyen tran chen wang
li zhang liu huang wu yang jonsson andersson kowalczyk walters skinner chambers goodwin sutton barlow
`;

/**
 * Names that are also ordinary words or places: April, May, Harry, Ruby. They are names only
 * where the text treats them as one (a role before, a verb of speech after, a surname beside).
 */
export const AMBIGUOUS_NAMES: ReadonlySet<string> = new Set(
  `april may june august summer autumn harry ruby grace hope faith joy rose lily daisy holly ivy willow
  jade amber crystal pearl violet iris hazel heather olive dawn eve robin sky skye storm river angel
  mark will bill jack frank rich sue pat ray rob drew chase hunter mason carter taylor cooper baker
  brown white green black young hall wood king hill wells stone bell page lane ward marsh day fox bird
  rose grant dean reid reed price mills knight porter gardner walker turner parker palmer scott lee
  jordan chelsea georgia florence india paris austin eden miles max sunny brook dale kelly
  ward rees cole berry perry holland carr ball cook hart newman west gill field banks booth
  carl jan sean kim joe ben tim victoria mae leo kai jay bobby dexter lewis stanley`
    .split(/\s+/)
    .filter(Boolean),
);

const listOf = (text: string): string[] => text.split(/\s+/).filter(Boolean);

/** First names and surnames, lower case, without accents. */
export const KNOWN_NAMES: ReadonlySet<string> = new Set([
  ...listOf(FIRST),
  ...listOf(SURNAMES),
  ...AMBIGUOUS_NAMES,
]);
